import { CopyButton } from "@/components/copy-button";

/** A block of code to copy, such as a curl command or a configuration file. */
export function CodeSnippet({
  label,
  text,
  onCopied,
}: {
  label: string;
  text: string;
  onCopied?: () => void;
}) {
  return (
    <div className="bg-muted flex min-w-0 items-start gap-2 rounded-md p-3">
      <pre className="min-w-0 flex-1 overflow-x-auto text-xs" tabIndex={0} aria-label={label}>
        <code>{text}</code>
      </pre>
      <CopyButton value={text} label={`Copy ${label}`} onCopied={onCopied} />
    </div>
  );
}
