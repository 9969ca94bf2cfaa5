import type { DemoPicture } from './demo-story.js';

/**
 * Pictures the demo draws itself: one portrait per staff author, a logo for
 * the wire agency and a set of file photos that lead the stories.
 * Palettes are sky, ground/water, accent.
 */
export const demoPictures: DemoPicture[] = [
  // Author portraits and the agency logo.
  { key: 'portrait-maya-okafor', scene: 'portrait', palette: ['#f3e6d8', '#7a4b3a', '#d9643a'], initials: 'MO' },
  { key: 'portrait-june-halvorsen', scene: 'portrait', palette: ['#e2eef0', '#3e6d74', '#e0b44c'], initials: 'JH' },
  { key: 'portrait-daniel-reyes', scene: 'portrait', palette: ['#e8ecf5', '#2f3f6b', '#c8453c'], initials: 'DR' },
  { key: 'portrait-theo-brandt', scene: 'portrait', palette: ['#efeadf', '#5b5141', '#8a9a5b'], initials: 'TB' },
  { key: 'logo-pacific-wire', scene: 'logo', palette: ['#0e3b5c', '#f4f7fa', '#1f9bd1'], initials: 'PWS' },

  // Scene pictures used as lead photos; several stories share a file photo.
  { key: 'harbor-port-alder-dusk', scene: 'harbor', palette: ['#f2a46b', '#1d4e63', '#f6d365'] },
  { key: 'ferry-landing-orca-point', scene: 'harbor', palette: ['#b8c4cc', '#3b5868', '#e4e9ec'] },
  { key: 'skyline-port-alder', scene: 'skyline', palette: ['#9cc7e4', '#3a4a57', '#f2c14e'] },
  { key: 'chamber-city-hall', scene: 'chamber', palette: ['#e9dcc6', '#6b3e26', '#2e5e4e'] },
  { key: 'chamber-state-capitol', scene: 'chamber', palette: ['#dfe4ea', '#4b5563', '#b08d57'] },
  { key: 'stadium-driftwood-park', scene: 'stadium', palette: ['#6fa8dc', '#2f7d32', '#f7f3e3'] },
  { key: 'field-friday-night', scene: 'field', palette: ['#14213d', '#3a7d44', '#fca311'] },
  { key: 'forest-cedar-ridge-smoke', scene: 'forest', palette: ['#d9a86c', '#2d4030', '#c0562f'] },
  { key: 'mountains-coast-range', scene: 'mountains', palette: ['#a9d1ea', '#4f6d4a', '#ffffff'] },
  { key: 'market-front-street', scene: 'market', palette: ['#f7e7ce', '#8c5a3c', '#d94f30'] },
  { key: 'bridge-kettle-creek', scene: 'bridge', palette: ['#c9d6df', '#52616b', '#b23a48'] },
  { key: 'rain-storm-front', scene: 'rain', palette: ['#5c6770', '#27333d', '#9fb3c8'] },
];
