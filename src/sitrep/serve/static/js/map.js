// The world map: country outlines (Natural Earth, served locally), events as coloured
// markers, movements as arrows from origin to destination. No tiles, no other origin.
import { colourOf, cssToken, el } from "./dom.js";

const ANTARCTICA = "010";
const OUTLINE = { color: "#8a9299", weight: 0.6, fillColor: "#eef0ea", fillOpacity: 1 };

export function createMap(container, onSelect, onMove = () => {}) {
  const map = L.map(container, { minZoom: 1, maxZoom: 9, worldCopyJump: false, zoomSnap: 0.5 });
  map.setView([25, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet · outlines: Natural Earth");
  const layers = { events: L.layerGroup().addTo(map), movements: L.layerGroup().addTo(map) };
  const state = { map, layers, arrows: [], markers: new Map(), onSelect };
  map.on("zoomend", () => redrawHeads(state));
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

function showEvents(state, events) {
  state.layers.events.clearLayers();
  state.layers.movements.clearLayers();
  state.arrows = [];
  state.markers.clear();
  const points = [];
  for (const event of events) {
    const movement = movementOf(event);
    if (movement) {
      addArrow(state, event, movement);
      points.push(movement.from, movement.to);
    } else if (event.position) {  // a movement is its arrow: a marker would hide the head
      addMarker(state, event);
      points.push(L.latLng(event.position.latitude, event.position.longitude));
    }
  }
  if (points.length) state.map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 5, animate: false });
}

function movementOf(event) {
  const { origin, destination } = event;
  if (!origin || !destination || origin.latitude == null || destination.latitude == null) return null;
  const from = L.latLng(origin.latitude, origin.longitude);
  const to = L.latLng(destination.latitude, destination.longitude);
  return from.equals(to) ? null : { from, to };
}

function tooltipFor(event) {
  const actor = event.actor && (event.actor.text || event.actor.country);
  const route = [event.origin && event.origin.text, event.destination && event.destination.text].filter(Boolean);
  return el("div", { class: "tip" },
    el("strong", { text: event.type }), " ", event.date || "undated",
    el("div", { text: event.summary || actor || "" }),
    route.length === 2 ? el("div", { text: `${route[0]} → ${route[1]}` }) : null);
}

function addMarker(state, event) {
  const colour = colourOf(event.type);
  const marker = L.circleMarker([event.position.latitude, event.position.longitude], {
    radius: 7, color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.85,
    className: `event-marker type-${cssToken(event.type)}`,
  });
  marker.bindTooltip(tooltipFor(event));
  marker.on("click", () => state.onSelect(event));
  marker.addTo(state.layers.events);
  state.markers.set(event.id, marker);
}

function addArrow(state, event, movement) {
  const colour = colourOf(event.type);
  const line = L.polyline([movement.from, movement.to], {
    color: colour, weight: 3, opacity: 0.9, className: "movement-arrow",
  });
  const head = L.polygon(headPoints(state.map, movement), {
    color: colour, weight: 1, fillColor: colour, fillOpacity: 1, className: "movement-arrowhead",
  });
  for (const shape of [line, head]) {
    shape.bindTooltip(tooltipFor(event));
    shape.on("click", () => state.onSelect(event));
    shape.addTo(state.layers.movements);
  }
  state.arrows.push({ head, movement });
}

function headPoints(map, { from, to }) {
  const a = map.latLngToLayerPoint(from);
  const b = map.latLngToLayerPoint(to);
  const angle = Math.atan2(b.y - a.y, b.x - a.x);
  const size = 14;
  const spread = Math.PI / 7;
  const wing = (turn) => map.layerPointToLatLng(
    L.point(b.x - size * Math.cos(angle + turn), b.y - size * Math.sin(angle + turn)));
  return [to, wing(-spread), wing(spread)];
}

function redrawHeads(state) {
  for (const { head, movement } of state.arrows) head.setLatLngs(headPoints(state.map, movement));
}

function focusEvent(state, event) {
  for (const [id, marker] of state.markers) {
    marker.setStyle({ weight: id === event.id ? 3 : 1, color: id === event.id ? "#000" : "#222" });
  }
  if (event.position) state.map.panTo([event.position.latitude, event.position.longitude]);
}
