// npm run demo:pictures [-- KEY...]
//
// Renders the demo's pictures (src/demo/demo-pictures.ts) into src/demo/content/pictures/<key>.jpg, which are
// committed: seeding copies those files and never draws. Run it after changing a scene or a palette, look at
// the files, and commit them. Scenes are 1280x720 (the largest rendition), portraits and logos 600x600.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { DEMO_PICTURE_DIR } from '../src/demo/demo-content.js';
import { demoPictures } from '../src/demo/demo-pictures.js';
import { pictureSvg } from '../src/demo/draw-picture.js';

const only = process.argv.slice(2);
let total = 0;
for (const picture of demoPictures) {
  if (only.length > 0 && !only.includes(picture.key)) continue;
  const square = picture.scene === 'portrait' || picture.scene === 'logo';
  const [width, height] = square ? [600, 600] : [1280, 720];
  const jpeg = await sharp(Buffer.from(pictureSvg(picture, width, height))).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
  await writeFile(path.join(DEMO_PICTURE_DIR, `${picture.key}.jpg`), jpeg);
  total += jpeg.length;
  console.log(`${picture.key}.jpg ${width}x${height} ${(jpeg.length / 1024).toFixed(0)} KB`);
}
console.log(`${(total / 1024 / 1024).toFixed(2)} MB in ${DEMO_PICTURE_DIR}`);
