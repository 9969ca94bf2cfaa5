/** The meta key set once the demo newsroom is fully seeded; kept apart so checking it loads no image code. */
export const DEMO_SEEDED_KEY = 'demo-seeded-at';
