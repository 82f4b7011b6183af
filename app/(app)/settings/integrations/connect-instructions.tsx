/** How to call the public API with a key. */
export function ConnectInstructions({ baseUrl }: { baseUrl: string }) {
  return (
    <div className="space-y-2 rounded-lg border p-4" aria-labelledby="connect-heading">
      <h4 id="connect-heading" className="font-medium">
        Connect to the API
      </h4>
      <p className="text-sm">
        API base URL: <code className="bg-muted rounded px-1 font-mono text-xs">{baseUrl}</code>
      </p>
      <p className="text-muted-foreground text-sm">
        Send your key in the Authorization header. Your API key has the permissions of your user
        account within the APIs you select: anything created with it appears as created by you.
      </p>
      <pre
        className="bg-muted overflow-x-auto rounded-md p-3 text-xs"
        tabIndex={0}
        aria-label="curl example"
      >
        <code>{`curl ${baseUrl}/me \\\n  -H "Authorization: Bearer <your key>"`}</code>
      </pre>
    </div>
  );
}
