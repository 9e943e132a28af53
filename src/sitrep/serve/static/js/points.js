// Event markers, clustered on a pixel grid at the current zoom: a cell with one event is its
// marker, a cell with several a numbered circle that zooms in on them (or, when they sit on one
// spot, lists them). Places known only to the country are hollow dashed rings, clustered apart
// from finer places. Place names label single markers from zoom 4 on. The open event is never
// hidden in a cluster.
import { colourOf, cssToken, el } from "./dom.js";

const CELL = 44;
export const LABEL_ZOOM = 4;

export function isCountryLevel(event) {
  return event.precision === "country";
}

export function drawPoints(layer, map, points, selected, onSelect, tooltipFor) {
  layer.clearLayers();
  const cells = new Map();
  for (const event of points) {
    const at = map.latLngToLayerPoint([event.position.latitude, event.position.longitude]);
    const key = event.id === selected ? `open:${event.id}`
      : `${isCountryLevel(event)}:${Math.floor(at.x / CELL)}:${Math.floor(at.y / CELL)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(event);
  }
  for (const members of cells.values()) {
    if (members.length > 1) layer.addLayer(cluster(map, members, onSelect));
    else {
      layer.addLayer(marker(members[0], selected, onSelect, tooltipFor));
      const place = members[0].location && members[0].location.text;
      if (place && map.getZoom() >= LABEL_ZOOM) layer.addLayer(placeLabel(members[0].position, place));
    }
  }
}

// A place name beside a marker or an arrow's end; not clickable.
export function placeLabel(position, text) {
  const icon = L.divIcon({ html: el("span", { text }), className: "place-label", iconSize: null, iconAnchor: [-9, 8] });
  return L.marker([position.latitude, position.longitude], { icon, interactive: false, keyboard: false });
}

function marker(event, selected, onSelect, tooltipFor) {
  const country = isCountryLevel(event);
  const open = event.id === selected;
  const shape = L.circleMarker([event.position.latitude, event.position.longitude], {
    radius: country ? 11 : 7, color: open ? "#000" : "#222", weight: open ? 3 : country ? 1.5 : 1,
    dashArray: country ? "4 3" : null, fillColor: colourOf(event.type), fillOpacity: country ? 0.2 : 0.85,
    className: `event-marker type-${cssToken(event.type)}${country ? " country-place" : ""}${open ? " selected" : ""}`,
  });
  shape.bindTooltip(tooltipFor(event));
  shape.on("click", () => onSelect(event));
  return shape;
}

function cluster(map, members, onSelect) {
  const spots = members.map((e) => L.latLng(e.position.latitude, e.position.longitude));
  const centre = L.latLngBounds(spots).getCenter();
  const country = members.every(isCountryLevel);
  const label = el("span", { text: String(members.length) });
  const size = 22 + Math.min(16, 4 * Math.log2(members.length));
  const icon = L.divIcon({ html: label, className: `event-cluster${country ? " country-place" : ""}`,
    iconSize: [size, size] });
  const node = L.marker(centre, { icon, title: `${members.length} events: click to zoom in`, keyboard: false });
  node.on("click", () => {
    const oneSpot = spots.every((s) => s.equals(spots[0]));
    if (oneSpot || map.getZoom() >= map.getMaxZoom()) node.bindPopup(listOf(members, onSelect)).openPopup();
    else map.fitBounds(L.latLngBounds(spots), { padding: [60, 60], maxZoom: map.getMaxZoom() });
  });
  return node;
}

function listOf(members, onSelect) {
  const list = el("ol", { class: "cluster-list" });
  for (const event of members) {
    const button = el("button", { type: "button", class: "cluster-event", "data-event-id": event.id,
      text: `${event.type} · ${event.date || "undated"} · ${event.summary || ""}` });
    button.addEventListener("click", () => onSelect(event));
    list.append(el("li", {}, button));
  }
  return list;
}
