// The story list: one row per story; choosing one filters the page to it and shows its
// event clusters (reports, independent sources, languages) and where the reports disagree.
import { clear, el } from "./dom.js";

export function createStories(container, detail, onChoose) {
  const rows = new Map();
  return {
    show(stories) {
      clear(container);
      rows.clear();
      const all = el("button", { type: "button", class: "story-row story-all", dataset: { storyId: "" } },
        el("span", { class: "story-title", text: "All stories" }));
      all.addEventListener("click", () => onChoose(null));
      container.append(el("li", {}, all));
      for (const story of stories) {
        const row = rowFor(story, onChoose);
        rows.set(story.id, row);
        container.append(row);
      }
    },
    select(id) {
      for (const [rowId, row] of rows) row.classList.toggle("selected", rowId === id);
      if (!id) clear(detail);
    },
    showDetail(story) {
      clear(detail);
      detail.append(el("h3", { text: story.title || story.id }));
      for (const cluster of story.event_clusters) detail.append(clusterBlock(cluster));
      if (story.issues.length) detail.append(el("h4", { text: "Where the reports disagree" }));
      for (const issue of story.issues) detail.append(issueBlock(issue));
    },
  };
}

function rowFor(story, onChoose) {
  const when = story.last_report ? story.last_report.slice(0, 10) : "";
  const counts = `${story.articles} reports · ${story.outlets} outlets · ${story.languages} languages`;
  const button = el("button", { type: "button", class: "story-row", dataset: { storyId: story.id } },
    el("span", { class: "story-title", text: story.title || story.id }),
    el("span", { class: "detail", text: `${when} · ${counts}` }));
  button.addEventListener("click", () => onChoose(story.id));
  return el("li", {}, button);
}

function clusterBlock(cluster) {
  const head = `${cluster.type || "event"}: ${cluster.report_count} reports, ` +
    `${cluster.independent_sources} independent sources (${cluster.origins.join(", ")}), ` +
    `languages ${cluster.languages.join(", ")}`;
  const reports = el("ul", { class: "story-reports" });
  for (const report of cluster.reports) {
    const cites = report.cites.length ? ` — cites ${report.cites.join(", ")}` : "";
    reports.append(el("li", { class: "story-report", dataset: { articleId: report.article_id } },
      `${report.language || "?"} · ${report.outlet || "?"}${cites}`));
  }
  return el("div", { class: "story-cluster", dataset: { clusterId: cluster.id } },
    el("p", { class: "cluster-head", text: head }), reports);
}

function issueBlock(issue) {
  const spans = el("ul", {});
  for (const span of issue.spans) spans.append(el("li", {}, `${span.outlet || span.article_id}: `,
    el("q", { class: "issue-span", text: span.text })));
  return el("div", { class: "story-issue", dataset: { code: issue.code } },
    el("p", { text: `${issue.code}: ${issue.message}` }), spans);
}
