import type { DemoPicture } from './demo-story.js';

/**
 * How the demo's pictures were drawn: one portrait per staff author, a logo
 * for the wire agency, and the illustrations that lead the stories. Palettes
 * are sky, ground/water, accent. `npm run demo:pictures` renders each once
 * into content/pictures/<key>.jpg, which is committed; seeding only copies
 * those files. `shows` says what each picture shows, so a story's caption
 * can be checked against it: a baseball story gets the ballpark, never the
 * soccer pitch.
 */
export const demoPictures: DemoPicture[] = [
  // Author portraits and the agency logo.
  { key: 'portrait-maya-okafor', scene: 'portrait', palette: ['#f3e6d8', '#7a4b3a', '#d9643a'], initials: 'MO', shows: 'a drawn head-and-shoulders portrait' },
  { key: 'portrait-june-halvorsen', scene: 'portrait', palette: ['#e2eef0', '#3e6d74', '#e0b44c'], initials: 'JH', shows: 'a drawn head-and-shoulders portrait' },
  { key: 'portrait-daniel-reyes', scene: 'portrait', palette: ['#e8ecf5', '#2f3f6b', '#c8453c'], initials: 'DR', shows: 'a drawn head-and-shoulders portrait' },
  { key: 'portrait-theo-brandt', scene: 'portrait', palette: ['#efeadf', '#5b5141', '#8a9a5b'], initials: 'TB', shows: 'a drawn head-and-shoulders portrait' },
  { key: 'logo-pacific-wire', scene: 'logo', palette: ['#0e3b5c', '#f4f7fa', '#1f9bd1'], initials: 'PWS', shows: 'the letters PWS on a globe' },

  // Government.
  { key: 'city-hall', scene: 'chamber', palette: ['#e9dcc6', '#6b3e26', '#2e5e4e'], shows: 'a domed civic building with columns, flags and trees, people on the steps' },
  { key: 'state-capitol', scene: 'chamber', palette: ['#dfe4ea', '#4b5563', '#b08d57'], shows: 'a domed capitol building with a columned front and flags' },

  // Sports, one picture per sport.
  { key: 'ballpark-driftwood-park', scene: 'baseball', palette: ['#8fc1e3', '#3f8f3a', '#1f4e8c'], shows: 'a baseball game seen from behind home plate: batter, catcher, fielders, outfield wall and bleachers' },
  { key: 'football-under-the-lights', scene: 'field', palette: ['#14213d', '#3a7d44', '#fca311'], shows: 'an American football field at night under stadium lights, goalpost and bleachers' },
  { key: 'soccer-pitch', scene: 'stadium', palette: ['#6fa8dc', '#2f7d32', '#f7f3e3'], shows: 'soccer players and a ball on a pitch in front of full stands' },
  { key: 'volleyball-gym', scene: 'volleyball', palette: ['#c9d3dc', '#c8935a', '#1f5fa8'], shows: 'an indoor volleyball match: blockers leaping at the net, a full gym' },
  { key: 'rowing-race', scene: 'rowing', palette: ['#a9cde6', '#2e5f73', '#e4572e'], shows: 'rowing crews in four-person shells racing between buoy lines' },
  { key: 'coast-range', scene: 'mountains', palette: ['#a9d1ea', '#4f6d4a', '#ffffff'], shows: 'forested mountains with snowy peaks above a lake' },

  // The coast and the water.
  { key: 'ferry-landing', scene: 'ferry', palette: ['#b8c4cc', '#3b5868', '#2e7d5b'], shows: 'a car ferry coming in to a landing with a terminal and cars waiting in lanes' },
  { key: 'harbor-dusk', scene: 'harbor', palette: ['#f2a46b', '#1d4e63', '#f6d365'], shows: 'a harbor at dusk with sailboats, a fishing boat, a lighthouse and a pier' },
  { key: 'storm-waterfront', scene: 'rain', palette: ['#5c6770', '#27333d', '#9fb3c8'], shows: 'a dark storm with heavy rain over a waterfront town, people with umbrellas' },
  { key: 'forest-smoke', scene: 'forest', palette: ['#d9a86c', '#2d4030', '#c0562f'], shows: 'a conifer forest under a smoky orange sky' },
  { key: 'forest-green', scene: 'forest', palette: ['#b9d3c6', '#2f4a34', '#e8d9a0'], shows: 'a conifer forest on a misty day' },

  // Town.
  { key: 'skyline-port-alder', scene: 'skyline', palette: ['#9cc7e4', '#3a4a57', '#f2c14e'], shows: 'a small city skyline across the water' },
  { key: 'market-front-street', scene: 'market', palette: ['#f7e7ce', '#8c5a3c', '#d94f30'], shows: 'an outdoor market with striped awnings and shoppers on a street' },
  { key: 'bridge-kettle-creek', scene: 'bridge', palette: ['#c9d6df', '#52616b', '#b23a48'], shows: 'a steel arch bridge over calm water' },
  { key: 'library-salt-marsh', scene: 'storefront', palette: ['#a8cbe0', '#a0573f', '#2e5e4e'], sign: 'SALT MARSH LIBRARY', shows: 'people lined up outside a library with bookshelves in its windows' },
  { key: 'hardware-front-street', scene: 'storefront', palette: ['#c4dced', '#7c8a8f', '#b23a2e'], sign: 'HARBOR LIGHT HARDWARE & MARINE', shows: 'a hardware store front on a street' },
];
