// The world map: country outlines (Natural Earth, served locally), events as coloured markers
// (clustered, points.js), movements as arrows from origin to destination (arrows.js). No tiles,
// no other origin.
import { drawArrows, groupMovements, highlightArrows, movementOf } from "./arrows.js";
import { el } from "./dom.js";
import { drawPoints, isCountryLevel } from "./points.js";

const ANTARCTICA = "010";
const OUTLINE = { color: "#8a9299", weight: 0.6, fillColor: "#eef0ea", fillOpacity: 1 };

export function createMap(container, onSelect, onMove = () => {}) {
  const map = L.map(container, { minZoom: 1, maxZoom: 9, worldCopyJump: false, zoomSnap: 0.5 });
  map.setView([25, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet · outlines: Natural Earth");
  const layers = { events: L.layerGroup().addTo(map), movements: L.layerGroup().addTo(map) };
  const state = { map, layers, arrows: [], groups: [], points: [], selected: null, onSelect };
  map.on("zoomend", () => redraw(state));
  map.on("moveend", () => onMove());
  loadOutlines(map, container);
  return {
    show: (events) => showEvents(state, events),
    focus: (event) => focusEvent(state, event),
    view: () => {
      const c = map.getCenter();
      return `${c.lat.toFixed(3)},${c.lng.toFixed(3)},${map.getZoom()}`;
    },
    setView: (text) => {
      const [lat, lon, zoom] = String(text).split(",").map(Number);
      if ([lat, lon, zoom].every(Number.isFinite)) map.setView([lat, lon], zoom, { animate: false });
    },
  };
}

async function loadOutlines(map, container) {
  try {
    if (!window.topojson) throw new Error("topojson-client is not installed");
    const response = await fetch("/vendor/countries-110m.json");
    if (!response.ok) throw new Error("country outlines are not installed");
    const topology = await response.json();
    const countries = window.topojson.feature(topology, topology.objects.countries);
    countries.features = countries.features.filter((f) => f.id !== ANTARCTICA).map(unwrapFeature);
    L.geoJSON(countries, { style: OUTLINE, interactive: false }).addTo(map).bringToBack();
  } catch (error) {
    container.append(el("p", { class: "map-note", text: `${error.message}: run make setup` }));
  }
}

// Rings that cross the antimeridian jump from +180 to -180; shift the rest of the ring by
// 360 degrees so the outline continues off the edge instead of striping across the map.
function unwrapRing(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const jump = lon - ring[i - 1][0];
      if (jump > 180) shift -= 360;
      else if (jump < -180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function unwrapFeature(feature) {
  const geometry = feature.geometry;
  if (!geometry) return feature;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const coordinates = polygons.map((polygon) => polygon.map(unwrapRing));
  return { ...feature, geometry: { type: "MultiPolygon", coordinates } };
}

// Fits the view to the events of the filter: arrows and places finer than a country; places known
// only to their country count only when nothing finer is shown (they would pull the view out).
function showEvents(state, events) {
  state.groups = groupMovements(events);
  state.points = events.filter((e) => !movementOf(e) && e.position);  // a movement is its arrow
  const fine = state.points.filter((e) => !isCountryLevel(e)).map(latLngOf);
  const ends = state.groups.flatMap((g) => [g.movement.from, g.movement.to]);
  const bounds = fine.concat(ends).length ? fine.concat(ends) : state.points.map(latLngOf);
  if (bounds.length) state.map.fitBounds(L.latLngBounds(bounds), { padding: [40, 40], maxZoom: 5, animate: false });
  redraw(state);
}

function latLngOf(event) {
  return L.latLng(event.position.latitude, event.position.longitude);
}

function redraw(state) {
  drawPoints(state.layers.events, state.map, state.points, state.selected, state.onSelect, tooltipFor);
  state.arrows = drawArrows(state.layers.movements, state.map, state.groups, state.selected, state.onSelect,
    tooltipFor);
  highlightArrows(state.arrows, state.selected);
}

function tooltipFor(event) {
  const actor = event.actor && (event.actor.text || event.actor.country);
  const route = [event.origin && event.origin.text, event.destination && event.destination.text].filter(Boolean);
  const place = event.location && event.location.text;
  return el("div", { class: "tip" },
    el("strong", { text: event.type }), " ", event.date || "undated",
    el("div", { text: event.summary || actor || "" }),
    route.length === 2 ? el("div", { text: `${route[0]} → ${route[1]}` }) : null,
    place ? el("div", { text: `${place}${isCountryLevel(event) ? " (somewhere in the country)" : ""}` }) : null);
}

function focusEvent(state, event) {
  state.selected = event.id;
  redraw(state);
  if (event.position) state.map.panTo([event.position.latitude, event.position.longitude]);
}
