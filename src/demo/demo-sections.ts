/** The demo site's sections: top-level in menu order, with News's sub-sections. */
export const demoSections: Array<{ slug: string; name: string; description: string; parent?: string }> = [
  { slug: 'news', name: 'News', description: 'What is happening in Port Alder, Cedar County and beyond.' },
  { slug: 'opinion', name: 'Opinion', description: 'Columns, editorials and letters from our readers.' },
  { slug: 'sports', name: 'Sports', description: 'From Friday night football to the Port Alder Gulls.' },
  { slug: 'tools', name: 'Tools', description: 'Guides, checklists and explainers for life on the coast.' },
  { slug: 'connect', name: 'Connect', description: 'Community events, reader photos, newsletters and ways to reach the newsroom.' },
  { slug: 'politics', name: 'Politics', description: 'City hall, the county commission, Olympia and Washington, D.C.', parent: 'news' },
  { slug: 'local', name: 'Local', description: 'Neighborhoods, schools, the port and the people of Cedar County.', parent: 'news' },
];
