import { lightFormat } from "date-fns";

/** ISO instant → the value a datetime-local input shows, in the viewer's time zone. */
export const toLocalInput = (iso: string) =>
  iso ? lightFormat(new Date(iso), "yyyy-MM-dd'T'HH:mm") : "";

/** datetime-local value (viewer's zone) → ISO instant for the URL, so the server needs no zone. */
export const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : "");
