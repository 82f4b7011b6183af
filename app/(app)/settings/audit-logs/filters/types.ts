/** What the filters can offer: the organization's teams and the people who appear in its log. */
export type FilterOptions = {
  teams: { id: string; name: string }[];
  actors: { id: string; label: string }[];
};

/** The filters in force, as the page's URL holds them ("" when not set). */
export type FilterValues = {
  teams: string[];
  action: string;
  actor: string;
  range: string;
  from: string;
  to: string;
  q: string;
};
