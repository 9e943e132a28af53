// Events per date as bars, one bar per year, month or day (chosen from the span of the dates).
// Each bar carries its own date range: a click filters to exactly that range, a drag across
// bars to the range from the first to the last; the undated button shows the undated events.
// The chart covers the current date range, so clicking a year zooms into its months and a month
// into its days; "all dates" zooms out again.
import { clear, el, svg } from "./dom.js";

const HEIGHT = 110;
const PAD = { left: 34, right: 10, top: 10, bottom: 22 };
const KEY_LENGTH = { year: 4, month: 7, day: 10 };

export function createTimeline(container, onRange, onUndated) {
  const state = { container, onRange, onUndated, bars: [] };
  return {
    show: (days, undated, range) => {
      Object.assign(state, { bars: barsOf(days), undated, range });
      render(state);
    },
  };
}

function granularity(dates) {
  const years = Number(dates[dates.length - 1].slice(0, 4)) - Number(dates[0].slice(0, 4));
  if (years > 3) return "year";
  const months = years * 12 + Number((dates[dates.length - 1] + "-12").slice(5, 7)) - Number((dates[0] + "-01").slice(5, 7));
  return months > 4 ? "month" : "day";
}

function lastDay(month) {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

// The days a bar's key covers: "2024" is the whole year, "2024-12" all of December.
export function rangeOf(key) {
  if (key.length === 4) return { from: `${key}-01-01`, to: `${key}-12-31` };
  if (key.length === 7) return { from: `${key}-01`, to: lastDay(key) };
  return { from: key, to: key };
}

function barsOf(days) {
  const dated = days.map((d) => ({ ...d, date: d.date.slice(0, 10) })).filter((d) => /^\d{4}(-\d{2}){0,2}$/.test(d.date));
  if (!dated.length) return [];
  const size = KEY_LENGTH[granularity(dated.map((d) => d.date).sort())];
  const counts = new Map();
  for (const d of dated) {
    const key = d.date.slice(0, size);  // a coarser date keeps its own bar
    counts.set(key, (counts.get(key) || 0) + d.count);
  }
  const keys = [...counts.keys()].sort();
  return keys.map((key) => ({ key, count: covered(key, keys, counts), coarse: key.length < size, ...rangeOf(key) }));
}

// A coarser bar ("2024-04" among days) covers its own events and those of the finer bars inside
// it, as clicking it selects its whole period.
function covered(key, keys, counts) {
  return keys.filter((k) => k.startsWith(key)).reduce((sum, k) => sum + counts.get(k), 0);
}

function render(state) {
  const { container, bars } = state;
  clear(container);
  const undated = el("button", { type: "button", id: "undated-toggle", class: "undated-toggle",
    text: `undated: ${state.undated || 0}` });
  undated.addEventListener("click", () => state.onUndated());
  const all = el("button", { type: "button", id: "timeline-all", class: "undated-toggle", text: "all dates" });
  all.addEventListener("click", () => state.onRange(null));
  const controls = state.range ? [undated, " · ", all] : [undated];
  if (!bars.length) {
    container.append(el("p", { class: "hint" }, "No dated events. ", ...controls));
    return;
  }
  const width = Math.max(container.clientWidth - 20, 260);
  const step = (width - PAD.left - PAD.right) / bars.length;
  const max = Math.max(...bars.map((b) => b.count));
  const chart = svg("svg", { width, height: HEIGHT, class: "timeline-chart", role: "img" });
  chart.append(svg("line", { x1: PAD.left, x2: width - PAD.right, y1: HEIGHT - PAD.bottom,
    y2: HEIGHT - PAD.bottom, class: "timeline-axis" }));
  label(chart, PAD.left - 4, PAD.top + 8, String(max), "end");
  const every = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(width / 70))));
  bars.forEach((b, i) => {
    chart.append(barNode(b, i, step, max, state));
    if (i % every === 0) label(chart, PAD.left + (i + 0.5) * step, HEIGHT - 6, b.key, "middle");
  });
  attachBrush(state, chart, step);
  container.append(chart, el("p", { class: "hint" }, "Click a bar for its dates, drag across bars for a range · ",
    ...controls));
}

function label(chart, x, y, text, anchor) {
  const node = svg("text", { x, y, "text-anchor": anchor, class: "timeline-label" });
  node.textContent = text;
  chart.append(node);
}

function barNode(b, i, step, max, state) {
  const plot = HEIGHT - PAD.top - PAD.bottom;
  const h = Math.max(2, (b.count / max) * plot);
  const w = Math.max(Math.min(step - 1, 40), 2);
  const rect = svg("rect", { x: PAD.left + i * step + (step - w) / 2, y: HEIGHT - PAD.bottom - h, width: w,
    height: h, class: `timeline-bar${b.coarse ? " coarse" : ""}`, "data-key": b.key, "data-from": b.from,
    "data-to": b.to, "data-count": b.count });
  const title = svg("title");
  const whole = b.coarse ? ` (whole ${b.key.length === 4 ? "year" : "month"})` : "";
  title.textContent = `${b.key}${whole}: ${b.count} event${b.count === 1 ? "" : "s"}`;
  rect.append(title);
  return rect;
}

function barAt(state, chart, clientX, step) {
  const x = clientX - chart.getBoundingClientRect().left - PAD.left;
  return Math.min(state.bars.length - 1, Math.max(0, Math.floor(x / step)));
}

function attachBrush(state, chart, step) {
  let start = null;
  chart.addEventListener("mousedown", (e) => {
    start = barAt(state, chart, e.clientX, step);
    e.preventDefault();
  });
  const finish = (e) => {
    if (start === null) return;
    const [a, b] = [start, barAt(state, chart, e.clientX, step)].sort((p, q) => p - q);
    start = null;
    state.onRange({ from: state.bars[a].from, to: state.bars[b].to });
  };
  chart.addEventListener("mouseup", finish);
  chart.addEventListener("mouseleave", (e) => { if (start !== null) finish(e); });
}
