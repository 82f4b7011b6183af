import * as React from "react";
import { cn } from "@/lib/utils";

/** A styled native <select>: keyboard, form data and screen readers work without extra wiring. */
function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      data-slot="native-select"
      className={cn(
        "border-input bg-background h-9 w-full rounded-md border px-3 py-1 text-sm shadow-xs outline-hidden",
        "focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-3 disabled:opacity-50",
        "aria-invalid:border-destructive",
        className,
      )}
      {...props}
    />
  );
}

export { NativeSelect };
