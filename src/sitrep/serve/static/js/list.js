// The event list: one row per event, newest first; a click opens the event.
import { clear, colourOf, el } from "./dom.js";

export function createList(container, onSelect) {
  const rows = new Map();
  return {
    show(events, append = false) {
      if (!append) {
        clear(container);
        rows.clear();
      }
      for (const event of events) {
        const row = rowFor(event, onSelect);
        rows.set(event.id, row);
        container.append(row);
      }
    },
    select(id) {
      for (const [rowId, row] of rows) {
        row.classList.toggle("selected", rowId === id);
        if (rowId === id) row.scrollIntoView({ block: "nearest" });
      }
    },
  };
}

function partyText(party) {
  return party ? party.text || party.country || "" : "";
}

function rowFor(event, onSelect) {
  const badge = el("span", { class: "badge", text: event.type });
  badge.style.backgroundColor = colourOf(event.type);
  const who = [partyText(event.actor), partyText(event.recipient)].filter(Boolean).join(" → ");
  const route = event.origin && event.destination ? `${event.origin.text} ⇢ ${event.destination.text}` : "";
  const confidence = event.confidence == null ? "" : ` · ${Math.round(event.confidence * 100)}%`;
  const button = el("button", { type: "button", class: "event-row", dataset: { eventId: event.id } },
    badge,
    el("span", { class: "date", text: event.date ? event.date.slice(0, 10) : "undated" }),
    el("span", { class: "summary", text: event.summary || who || event.article_title || event.id }),
    el("span", { class: "detail", text: [route, event.source].filter(Boolean).join(" · ") + confidence }));
  button.addEventListener("click", () => onSelect(event));
  return el("li", {}, button);
}
