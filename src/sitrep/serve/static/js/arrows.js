// Movements as arrows from origin to destination. Movements between the same two places are one
// arrow, wider with more of them and labelled with their count; a click on it opens them in turn.
// The arrow of the open event is highlighted. The ends carry their place names from zoom 4 on.
import { colourOf, el } from "./dom.js";
import { LABEL_ZOOM, placeLabel } from "./points.js";

export function movementOf(event) {
  const { origin, destination } = event;
  if (!origin || !destination || origin.latitude == null || destination.latitude == null) return null;
  const from = L.latLng(origin.latitude, origin.longitude);
  const to = L.latLng(destination.latitude, destination.longitude);
  return from.equals(to) ? null : { from, to };
}

// [{movement, events}] with one entry per (origin, destination) pair of points.
export function groupMovements(events) {
  const groups = new Map();
  for (const event of events) {
    const movement = movementOf(event);
    if (!movement) continue;
    const key = [movement.from.lat, movement.from.lng, movement.to.lat, movement.to.lng].map((v) => v.toFixed(3)).join();
    if (!groups.has(key)) groups.set(key, { movement, events: [] });
    groups.get(key).events.push(event);
  }
  return [...groups.values()];
}

export function drawArrows(layer, map, groups, selected, onSelect, tooltipFor) {
  layer.clearLayers();
  const drawn = [];
  for (const group of groups) {
    const count = group.events.length;
    const colour = colourOf(group.events[0].type);
    const weight = Math.min(3 + 2 * Math.log2(count), 11);
    const line = L.polyline([group.movement.from, group.movement.to], {
      color: colour, weight, opacity: 0.9, className: "movement-arrow",
    });
    const head = L.polygon(headPoints(map, group.movement, weight), {
      color: colour, weight: 1, fillColor: colour, fillOpacity: 1, className: "movement-arrowhead",
    });
    const next = group.events[(group.events.findIndex((e) => e.id === selected) + 1) % count];
    for (const shape of [line, head]) {
      shape.bindTooltip(count > 1 ? summary(group) : tooltipFor(group.events[0]));
      shape.on("click", () => onSelect(next));  // the one after the open one
      shape.addTo(layer);
    }
    if (count > 1) layer.addLayer(countLabel(group.movement, count));
    if (map.getZoom() >= LABEL_ZOOM) endLabels(layer, group.events[0]);
    drawn.push({ ...group, line, head, weight });
  }
  return drawn;
}

function summary(group) {
  const first = group.events[0];
  const route = `${first.origin.text || "?"} → ${first.destination.text || "?"}`;
  return el("div", { class: "tip" }, el("strong", { text: `${group.events.length} movements` }),
    el("div", { text: route }), el("div", { text: "click to open them one after another" }));
}

function countLabel({ from, to }, count) {
  const middle = L.latLng((from.lat + to.lat) / 2, (from.lng + to.lng) / 2);
  const icon = L.divIcon({ html: el("span", { text: `×${count}` }), className: "arrow-count", iconSize: null });
  return L.marker(middle, { icon, interactive: false, keyboard: false });
}

function endLabels(layer, event) {
  for (const end of [event.origin, event.destination]) {
    if (end.text) layer.addLayer(placeLabel(end, end.text));
  }
}

export function headPoints(map, { from, to }, weight = 3) {
  const a = map.latLngToLayerPoint(from);
  const b = map.latLngToLayerPoint(to);
  const angle = Math.atan2(b.y - a.y, b.x - a.x);
  const size = 11 + weight;
  const spread = Math.PI / 7;
  const wing = (turn) => map.layerPointToLatLng(
    L.point(b.x - size * Math.cos(angle + turn), b.y - size * Math.sin(angle + turn)));
  return [to, wing(-spread), wing(spread)];
}

// Thicker and outlined in black: the arrow that holds the open event.
export function highlightArrows(drawn, selected) {
  for (const { line, head, events, weight } of drawn) {
    const open = events.some((e) => e.id === selected);
    const colour = open ? "#1a1a1a" : colourOf(events[0].type);
    line.setStyle({ weight: open ? weight + 2 : weight, color: colour });
    head.setStyle({ color: colour, fillColor: colour });
    const node = line.getElement();
    if (node) node.classList.toggle("selected", open);
    if (open) {
      line.bringToFront();
      head.bringToFront();
    }
  }
}
