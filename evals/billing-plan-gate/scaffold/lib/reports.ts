// Premium reports (a stand-in for the real query).
export interface Report {
  id: string;
  title: string;
}

export async function listReports(ownerId: string): Promise<Report[]> {
  return [{ id: `${ownerId}-q1`, title: "Q1 revenue" }];
}

export function toCsv(reports: Report[]): string {
  return ["id,title", ...reports.map((r) => `${r.id},${JSON.stringify(r.title)}`)].join("\n");
}
