import type { ListInput } from '../store/index.js';

/** The demo newsroom's newsletters: the morning digest at 6 a.m. site time, and breaking-news alerts sent by hand. */
export const demoNewsletters: ListInput[] = [
  {
    slug: 'morning-tide',
    name: 'Morning Tide',
    description: 'The day’s top stories from Port Alder and Cedar County, every morning at 6.',
    fromName: 'Cedar Coast Dispatch',
    fromAddress: 'morning-tide@cedarcoastdispatch.example',
    replyTo: 'newsdesk@cedarcoastdispatch.example',
    kind: 'digest',
    sendAt: '06:00',
  },
  {
    slug: 'breaking-news',
    name: 'Breaking news',
    description: 'A short alert when big news breaks on the coast. Only when it matters.',
    fromName: 'Cedar Coast Dispatch',
    fromAddress: 'alerts@cedarcoastdispatch.example',
    replyTo: 'newsdesk@cedarcoastdispatch.example',
    kind: 'alerts',
    sendAt: null,
  },
];
