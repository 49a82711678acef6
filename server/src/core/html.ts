/** Pages the server writes itself (print layouts, feeds): text escaped once, the same way everywhere. */

/** Text made safe inside HTML or XML, in an element or a quoted attribute. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
