"use client";

import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";

/**
 * The interactive reference, rendered from the served OpenAPI document by Swagger UI's prebuilt
 * bundle (the React package's OpenAPI 3.1 parser breaks under Turbopack).
 */
export function ApiReference() {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist")
      .then(({ SwaggerUIBundle }) => {
        if (cancelled || !container.current) return;
        SwaggerUIBundle({
          domNode: container.current,
          url: "/api/openapi.json",
          docExpansion: "list",
          defaultModelsExpandDepth: 0,
          deepLinking: true,
          onComplete: () => !cancelled && setState("ready"),
        });
      })
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <div className="rounded-lg border bg-white text-black">
      {state === "loading" ? (
        <p className="p-6 text-sm text-neutral-600">Loading the API reference…</p>
      ) : null}
      {state === "failed" ? (
        <p role="alert" className="p-6 text-sm">
          The API reference could not be loaded. The document itself is at{" "}
          <a className="underline" href="/api/openapi.json">
            /api/openapi.json
          </a>
          .
        </p>
      ) : null}
      <div ref={container} />
    </div>
  );
}
