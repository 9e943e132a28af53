// The sources of the events in view: each outlet with its event and article counts (most events
// first) and a link to each of its articles read from the web. A click on an outlet filters to it.
import { clear, el } from "./dom.js";

export function createSources(container, summary, onOutlet) {
  return {
    show: (events) => {
      const outlets = outletsOf(events);
      clear(container);
      summary.textContent = `Sources (${outlets.length})`;
      for (const outlet of outlets) container.append(row(outlet, onOutlet));
    },
  };
}

function outletsOf(events) {
  const outlets = new Map();
  for (const event of events) {
    const name = event.source || "unknown outlet";
    if (!outlets.has(name)) outlets.set(name, { name, events: 0, articles: new Map() });
    const outlet = outlets.get(name);
    outlet.events += 1;
    outlet.articles.set(event.article_id, { url: event.source_url, title: event.article_title });
  }
  return [...outlets.values()].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
}

function row(outlet, onOutlet) {
  const name = el("button", { type: "button", class: "source-outlet", "data-outlet": outlet.name,
    title: "Show only this outlet's events", text: outlet.name });
  if (outlet.name !== "unknown outlet") name.addEventListener("click", () => onOutlet(outlet.name));
  const n = outlet.articles.size;
  const links = [...outlet.articles.values()].filter((a) => a.url && /^https?:\/\//i.test(a.url))  // web addresses only
    .map((a) => el("li", {}, el("a", { class: "source-article", href: a.url, rel: "noopener noreferrer",
      target: "_blank", text: a.title || a.url })));
  return el("li", { class: "source-row" }, name,
    el("span", { class: "detail", text: ` ${outlet.events} event${outlet.events === 1 ? "" : "s"} · ${n} article${n === 1 ? "" : "s"}` }),
    links.length ? el("ul", { class: "source-links" }, ...links) : null);
}
