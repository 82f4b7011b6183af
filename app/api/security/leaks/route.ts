import { leakReportEndpoint, leakReportMethodNotAllowed } from "@/lib/leaks/endpoint";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => leakReportEndpoint(request);
export const GET = () => leakReportMethodNotAllowed();
