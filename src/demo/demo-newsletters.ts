import type { ListInput } from '../store/index.js';
import { demoNewsroom } from './demo-newsroom.js';

/** The demo newsroom's newsletters: the morning digest at 6 a.m. site time, and breaking-news alerts sent by hand (content/newsroom.yaml). */
export const demoNewsletters: ListInput[] = demoNewsroom.newsletters;
