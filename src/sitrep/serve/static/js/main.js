// Wires the page: filters -> API -> map, timeline, list; a click on an event opens the reader.
import { api, query } from "./api.js";
import { clear, colourOf, el } from "./dom.js";
import { createList } from "./list.js";
import { createMap } from "./map.js";
import { createStories } from "./stories.js";
import { showArticle } from "./reader.js";
import { createSources } from "./sources.js";
import { createTimeline } from "./timeline.js";

const form = document.getElementById("filters");
const status = document.getElementById("status");
const reader = document.getElementById("reader");
const more = document.getElementById("more");
const FACETS = ["type", "country", "actor", "source", "language"];

const state = { filters: {}, events: [], cursor: null, selected: null, restoring: null };
const map = createMap(document.getElementById("map"), openEvent, () => writeUrl());
const list = createList(document.getElementById("events"), openEvent);
const stories = createStories(document.getElementById("stories"), document.getElementById("story-detail"),
  chooseStory);
const sources = createSources(document.getElementById("sources"), document.getElementById("sources-summary"),
  (outlet) => {
    const select = form.elements.source;
    if (![...select.options].some((o) => o.value === outlet)) select.append(el("option", { value: outlet, text: outlet }));
    select.value = outlet;
    applyForm();
  });
const timeline = createTimeline(document.getElementById("timeline"), (range) => {
  form.elements.date_from.value = range ? range.from : "";
  form.elements.date_to.value = range ? range.to : "";
  form.elements.dated.value = "";
  applyForm();
}, () => {
  form.elements.date_from.value = "";
  form.elements.date_to.value = "";
  form.elements.dated.value = "false";
  applyForm();
});

function readForm() {
  const filters = {};
  for (const [name, value] of new FormData(form)) if (value !== "") filters[name] = value;
  return filters;
}

// The timeline covers the current date range (it zooms with it) whether or not undated events are shown.
function timelineFilters(filters) {
  const { dated: _dated, ...rest } = filters;
  return rest;
}

async function load() {
  status.textContent = "Loading…";
  try {
    const [page, facets, days] = await Promise.all([
      api.events(state.filters), api.facets(state.filters), api.timeline(timelineFilters(state.filters)),
    ]);
    state.events = page.items;
    state.cursor = page.next_cursor;
    if (!state.events.some((e) => e.id === state.selected)) clearReader();
    map.show(state.events);
    list.show(state.events);
    sources.show(state.events);
    fillFacets(facets);
    const range = state.filters.date_from && state.filters.date_to
      ? { from: state.filters.date_from, to: state.filters.date_to } : null;
    timeline.show(days.days, days.undated, range);
    more.hidden = !state.cursor;
    exportLinks();
    await restoreView();
    writeUrl();
    document.getElementById("event-count").textContent = `(${facets.total})`;
    status.textContent = `${facets.total} matching events`;
  } catch (error) {
    status.textContent = error.parameter ? `${error.parameter}: ${error.message}` : error.message;
  }
}

async function loadMore() {
  const page = await api.events(state.filters, state.cursor);
  state.events = state.events.concat(page.items);
  state.cursor = page.next_cursor;
  list.show(page.items, true);
  sources.show(state.events);
  map.show(state.events);
  more.hidden = !state.cursor;
}

function fillFacets(facets) {
  for (const name of FACETS) {
    const select = form.elements[name];
    const current = state.filters[name] || "";
    const first = select.options[0];
    clear(select);
    select.append(first);
    for (const { value, count } of facets[name]) {
      select.append(el("option", { value, text: `${value} (${count})` }));
    }
    if (current && ![...select.options].some((o) => o.value === current)) {
      select.append(el("option", { value: current, text: current }));
    }
    select.value = current;
  }
  drawLegend(facets.type);
}

function drawLegend(types) {
  const legend = document.getElementById("legend");
  clear(legend);
  for (const { value } of types) {
    const swatch = el("span", { class: "swatch" });
    swatch.style.backgroundColor = colourOf(value);
    legend.append(el("span", { class: "legend-item" }, swatch, value));
  }
}

async function openEvent(event) {
  state.selected = event.id;
  writeUrl();
  list.select(event.id);
  if (window.matchMedia("(max-width: 700px)").matches && document.body.dataset.tab === "list") showTab("reader");
  map.focus(event);
  try {
    const [article, detail] = await Promise.all([api.article(event.article_id), api.event(event.id)]);
    showArticle(reader, article, event.id, detail.record);
  } catch (error) {
    clear(reader);
    reader.append(el("p", { class: "error", text: error.message }));
  }
}

function clearReader() {
  state.selected = null;
  clear(reader);
  reader.append(el("p", { class: "hint", text: "Click an event to read its article with the evidence highlighted." }));
}

async function chooseStory(id) {
  form.elements.story.value = id || "";
  stories.select(id);
  applyForm();
  if (!id) return;
  try {
    stories.showDetail(await api.story(id));
  } catch (error) {
    status.textContent = error.message;
  }
}

async function loadStories() {
  try {
    stories.show((await api.stories()).items);
  } catch (error) {
    status.textContent = error.message;
  }
}

function applyForm() {
  state.filters = readForm();
  load();
}

// The whole view in the address: the filters, the open event and the map view, so that a
// copied link opens the same page.
function writeUrl() {
  if (state.restoring) return;
  const params = new URLSearchParams(state.filters);
  if (state.selected) params.set("event", state.selected);
  params.set("view", map.view());
  history.replaceState(null, "", `?${params}`);
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of params) {
    const field = form.elements[name];
    if (!field || name === "event" || name === "view") continue;
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) {
      field.append(el("option", { value, text: value }));
    }
    field.value = value;
  }
  state.restoring = { event: params.get("event"), view: params.get("view") };
}

async function restoreView() {
  const wanted = state.restoring;
  if (!wanted) return;
  const event = wanted.event && state.events.find((e) => e.id === wanted.event);
  if (event) await openEvent(event);
  if (wanted.view) map.setView(wanted.view);
  state.restoring = null;
  writeUrl();
}

function exportLinks() {
  const name = Object.entries(state.filters).map(([k, v]) => `${k}-${v}`).join("_").replace(/[^A-Za-z0-9_.-]/g, "-");
  for (const link of document.querySelectorAll("#export a")) {
    const format = link.dataset.format;
    link.href = `/events${query({ ...state.filters, limit: 500, format })}`;
    link.download = `sitrep-events${name ? `_${name}` : ""}.${format === "geojson" ? "geojson" : format}`;
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  applyForm();
});
form.addEventListener("reset", () => setTimeout(() => chooseStory(null), 0));
more.addEventListener("click", loadMore);

function showTab(name) {
  document.body.dataset.tab = name;
  if (name === "map") window.dispatchEvent(new Event("resize"));  // the map measures itself again
}

for (const button of document.querySelectorAll("#tabs button")) {
  button.addEventListener("click", () => showTab(button.dataset.tab));
}

document.getElementById("events").addEventListener("keydown", (e) => {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  e.preventDefault();
  const at = state.events.findIndex((ev) => ev.id === state.selected);
  const next = state.events[Math.min(state.events.length - 1, Math.max(0, at + (e.key === "ArrowDown" ? 1 : -1)))];
  if (next) openEvent(next);
});
readUrl();
state.filters = readForm();
if (state.filters.story) stories.select(state.filters.story);
loadStories();
load();
