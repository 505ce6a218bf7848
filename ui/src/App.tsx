import { useEffect, useState, type MouseEvent } from "react";
import { JobsPage } from "./pages/JobsPage";
import { LivePage } from "./pages/LivePage";
import { ProgressPage } from "./pages/ProgressPage";
import { ScrapePage } from "./pages/ScrapePage";
import { WatchesPage } from "./pages/WatchesPage";

const pages = [
  { path: "/", label: "Scrape", page: ScrapePage },
  { path: "/live", label: "Live events", page: LivePage },
  { path: "/jobs", label: "Background jobs", page: JobsPage },
  { path: "/progress", label: "Progress", page: ProgressPage },
  { path: "/watches", label: "Watches", page: WatchesPage },
];

/** Five pages on client-side routes (the API answers index.html for each). */
export function App() {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const go = (e: MouseEvent<HTMLAnchorElement>, to: string) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) {
      return;
    }
    e.preventDefault();
    window.history.pushState(null, "", to);
    setPath(to);
  };
  const current = pages.find((page) => page.path === path) ?? pages[0];
  const Page = current.page;

  return (
    <>
      <header>
        <a className="brand" href="/" onClick={(e) => go(e, "/")}>JobStream</a>
        <nav aria-label="Pages">
          {pages.map((page) => (
            <a key={page.path} href={page.path} onClick={(e) => go(e, page.path)} aria-current={page === current ? "page" : undefined}>
              {page.label}
            </a>
          ))}
          <a href="/swagger">API</a>
        </nav>
      </header>
      <main>
        <Page key={current.path} />
      </main>
    </>
  );
}
