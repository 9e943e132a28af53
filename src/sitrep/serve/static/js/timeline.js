// Events per day as bars. Click a bar for that day; drag across bars for a range.
import { clear, el, svg } from "./dom.js";

const HEIGHT = 110;
const PAD = { left: 34, right: 10, top: 10, bottom: 22 };
const DAY_MS = 86400000;

export function createTimeline(container, onRange) {
  const state = { container, onRange, days: [], range: null, scale: null };
  return {
    show: (days, undated, range) => {
      Object.assign(state, { days, undated, range });
      render(state);
    },
  };
}

function dayNumber(iso) {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

function isoOf(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function render(state) {
  const { container, days } = state;
  clear(container);
  const valid = days.filter((d) => !Number.isNaN(dayNumber(d.date)));
  const note = state.undated ? ` · ${state.undated} undated` : "";
  if (!valid.length) {
    container.append(el("p", { class: "hint", text: `No dated events${note}.` }));
    return;
  }
  const width = Math.max(container.clientWidth, 300);
  const first = dayNumber(valid[0].date);
  const last = dayNumber(valid[valid.length - 1].date);
  const span = last - first + 1;
  const max = Math.max(...valid.map((d) => d.count));
  const step = (width - PAD.left - PAD.right) / span;
  state.scale = { first, last, step };
  const chart = svg("svg", { width, height: HEIGHT, class: "timeline-chart", role: "img" });
  drawAxis(chart, valid, max, width);
  for (const d of valid) chart.append(bar(state, d, max));
  drawRange(state, chart);
  attachBrush(state, chart);
  container.append(chart, el("p", { class: "hint", text: `Click a day or drag across days to filter${note}.` }));
}

function bar(state, d, max) {
  const { first, step } = state.scale;
  const plot = HEIGHT - PAD.top - PAD.bottom;
  const h = Math.max(2, (d.count / max) * plot);
  const width = Math.min(Math.max(step - 1, 1.5), 24);
  const x = PAD.left + (dayNumber(d.date) - first) * step + (step - width) / 2;
  const rect = svg("rect", {
    x, y: HEIGHT - PAD.bottom - h, width, height: h, class: "timeline-bar",
    "data-date": d.date,
  });
  const title = svg("title");
  title.textContent = `${d.date}: ${d.count} event${d.count === 1 ? "" : "s"}`;
  rect.append(title);
  return rect;
}

function drawAxis(chart, valid, max, width) {
  const label = (x, y, text, anchor) => {
    const node = svg("text", { x, y, "text-anchor": anchor, class: "timeline-label" });
    node.textContent = text;
    chart.append(node);
  };
  label(PAD.left, HEIGHT - 6, valid[0].date, "start");
  label(width - PAD.right, HEIGHT - 6, valid[valid.length - 1].date, "end");
  label(PAD.left - 4, PAD.top + 8, String(max), "end");
  chart.append(svg("line", { x1: PAD.left, x2: width - PAD.right, y1: HEIGHT - PAD.bottom,
    y2: HEIGHT - PAD.bottom, class: "timeline-axis" }));
}

function drawRange(state, chart) {
  if (!state.range) return;
  const { first, step } = state.scale;
  const from = dayNumber(state.range.from) - first;
  const to = dayNumber(state.range.to) - first + 1;
  chart.append(svg("rect", { x: PAD.left + from * step, y: PAD.top, width: Math.max((to - from) * step, 2),
    height: HEIGHT - PAD.top - PAD.bottom, class: "timeline-range" }));
}

function dayAt(state, clientX, chart) {
  const { first, last, step } = state.scale;
  const x = clientX - chart.getBoundingClientRect().left - PAD.left;
  return Math.min(last, Math.max(first, first + Math.floor(x / step)));
}

function attachBrush(state, chart) {
  let start = null;
  let band = null;
  chart.addEventListener("mousedown", (e) => {
    start = dayAt(state, e.clientX, chart);
    band = svg("rect", { y: PAD.top, height: HEIGHT - PAD.top - PAD.bottom, class: "timeline-brush" });
    chart.append(band);
    e.preventDefault();
  });
  chart.addEventListener("mousemove", (e) => {
    if (start === null) return;
    const [a, b] = [start, dayAt(state, e.clientX, chart)].sort((p, q) => p - q);
    const { first, step } = state.scale;
    band.setAttribute("x", PAD.left + (a - first) * step);
    band.setAttribute("width", Math.max((b - a + 1) * step, 2));
  });
  const finish = (e) => {
    if (start === null) return;
    const [a, b] = [start, dayAt(state, e.clientX, chart)].sort((p, q) => p - q);
    start = null;
    state.onRange({ from: isoOf(a), to: isoOf(b) });
  };
  chart.addEventListener("mouseup", finish);
  chart.addEventListener("mouseleave", (e) => { if (start !== null) finish(e); });
}
