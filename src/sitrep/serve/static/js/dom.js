// Small DOM helpers. Every piece of data goes in as text (textContent), never as markup.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

export function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

const PALETTE = {
  AGREE: "#1b9e77", CONSULT: "#66a61e", SUPPORT: "#4daf4a", CONCEDE: "#a6d854", COOPERATE: "#2c7fb8",
  AID: "#41b6c4", RETREAT: "#7570b3", REQUEST: "#8da0cb", ACCUSE: "#e6ab02", REJECT: "#fdb462",
  THREATEN: "#fc8d62", PROTEST: "#e78ac3", SANCTION: "#a6761d", MOBILIZE: "#d95f02", COERCE: "#e7298a",
  ASSAULT: "#d7191c",
};
const SPARE = ["#666666", "#984ea3", "#377eb8", "#ff7f00", "#a65628", "#f781bf", "#999999"];

export function colourOf(type) {
  if (PALETTE[type]) return PALETTE[type];
  let hash = 0;
  for (const ch of String(type)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return SPARE[hash % SPARE.length];
}

export function cssToken(value) {
  return String(value).toLowerCase().replace(/[^a-z0-9_-]/g, "-");
}
