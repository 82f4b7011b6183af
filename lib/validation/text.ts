import { z } from "zod";

/** A required, trimmed string field with its own messages; shared by the API and MCP inputs. */
export const text = (field: string, maxLength: number) =>
  z
    .string({ error: `${field} must be a string.` })
    .trim()
    .min(1, `${field} is required.`)
    .max(maxLength, `${field} must be at most ${maxLength} characters.`);
