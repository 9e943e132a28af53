// The article reader: clean text with entity mentions and event evidence highlighted.
import { clear, cssToken, el } from "./dom.js";

export function showArticle(container, article, selectedEventId, record = null) {
  clear(container);
  const meta = [article.source, article.published || "no date", article.category].filter(Boolean).join(" · ");
  const event = article.events.find((e) => e.id === selectedEventId);
  container.append(
    el("h2", { class: "article-title", text: article.title || "(untitled)" }),
    el("p", { class: "meta", text: meta }),
    sourceLink(article.uri),
    event ? el("p", { class: "meta event-meta", text: `${event.type} · ${event.certainty || "?"} · ` +
      `confidence ${event.confidence == null ? "?" : Math.round(event.confidence * 100) + "%"}` }) : null,
    attributionOf(record),
    listOf("Caveats", "caveats", ((record && record.caveats) || []).map(caveatLine)),
    listOf("Key points", "key-points", article.key_points.map((k) => k.text || "")),
    listOf("Issues", "article-issues", article.issues.map((i) => `${i.code}: ${i.message}`)),
    legend(article),
    el("div", { class: "article-text" }, ...segments(article, selectedEventId)),
  );
  const selected = container.querySelector(".evidence.selected");
  if (selected) selected.scrollIntoView({ block: "center" });
}

function sourceLink(uri) {
  if (!uri || !/^https?:\/\//i.test(uri)) return null;  // only web addresses become links
  return el("p", { class: "meta" }, "source: ",
    el("a", { class: "source-link", href: uri, rel: "noopener noreferrer", target: "_blank", text: uri }));
}

function caveatLine(caveat) {
  return caveat.source ? `${caveat.text} (${caveat.source})` : caveat.text;
}

// Who says the event happened, from the outlet down to the source it cites.
function attributionOf(record) {
  const chain = record ? (record.attribution || []).filter((a) => a.text) : [];
  if (!chain.length) return null;
  return el("p", { class: "meta attribution" }, "according to: ",
    ...chain.flatMap((a, i) => [i ? " › " : "", el("span", { class: "attribution-step", "data-kind": a.kind,
      text: `${a.text} (${a.kind.replace("_", " ")})` })]));
}

function listOf(title, className, lines) {
  const kept = lines.filter(Boolean);
  if (!kept.length) return null;
  return el("details", { class: className }, el("summary", { text: `${title} (${kept.length})` }),
    el("ul", {}, ...kept.map((line) => el("li", { text: line }))));
}

function legend(article) {
  const types = [...new Set(article.entities.map((e) => e.type))].sort();
  const items = types.map((t) => el("span", { class: `entity entity-${cssToken(t)}`, text: t }));
  const evidence = article.events.length ? el("span", { class: "evidence", text: "event evidence" }) : null;
  return el("p", { class: "reader-legend" }, ...items, evidence);
}

function spansOf(article, selectedEventId) {
  const spans = [];
  for (const entity of article.entities) {
    for (const m of entity.mentions) {
      spans.push({ start: m.start, end: m.end, kind: "entity", type: entity.type, label: `${entity.name} (${entity.type})` });
    }
  }
  for (const event of article.events) {
    const { start, end } = event.evidence;
    if (start == null || end == null) continue;
    spans.push({ start, end, kind: "evidence", id: event.id, selected: event.id === selectedEventId,
      label: `${event.type}${event.summary ? `: ${event.summary}` : ""}` });
  }
  return spans.filter((s) => s.start >= 0 && s.end > s.start && s.end <= article.text.length);
}

function segments(article, selectedEventId) {
  const text = article.text;
  const spans = spansOf(article, selectedEventId);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    nodes.push(over.length ? marked(text.slice(a, b), over) : text.slice(a, b));
  }
  return nodes;
}

function marked(piece, over) {
  const classes = [];
  const titles = [];
  for (const s of over) {
    if (s.kind === "entity") classes.push("entity", `entity-${cssToken(s.type)}`);
    else classes.push("evidence", ...(s.selected ? ["selected"] : []));
    titles.push(s.label);
  }
  const node = el("mark", { class: [...new Set(classes)].join(" "), text: piece });
  node.title = [...new Set(titles)].join("\n");
  const evidence = over.find((s) => s.kind === "evidence" && s.selected) || over.find((s) => s.kind === "evidence");
  if (evidence) node.dataset.eventId = evidence.id;
  return node;
}
