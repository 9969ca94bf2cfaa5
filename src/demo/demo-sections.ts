import { type DemoSection, demoNewsroom } from './demo-newsroom.js';

/** The demo site's sections: top-level in menu order, with News's sub-sections (content/newsroom.yaml). */
export const demoSections: DemoSection[] = demoNewsroom.sections;
