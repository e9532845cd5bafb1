// Reads the Prometheus text format a scrape of /metrics returns.

export type Scrape = {
  text: string;
  /** The sample `name` whose labels include `labels` (0 when absent; several match: their sum). */
  value(name: string, labels?: Record<string, string>): number;
  has(name: string): boolean;
};

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): Scrape {
  const samples = text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .flatMap((line) => {
      const m = SAMPLE.exec(line);
      if (!m?.[1] || !m[3]) return [];
      const labels = Object.fromEntries([...(m[2] ?? "").matchAll(LABEL)].map((l) => [l[1], l[2]]));
      return [{ name: m[1], labels, value: Number(m[3]) }];
    });
  return {
    text,
    value: (name, labels = {}) =>
      samples
        .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((sum, s) => sum + s.value, 0),
    has: (name) => samples.some((s) => s.name === name),
  };
}

export async function scrape(baseUrl: string, token?: string): Promise<Scrape> {
  const res = await fetch(new URL("/metrics", baseUrl), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return parseMetrics(await res.text());
}
