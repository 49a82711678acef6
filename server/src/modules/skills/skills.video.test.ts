import { describe, expect, it } from 'vitest';
import { checkMp4, tinyMp4 } from './skills.video.js';

describe('contest video by its bytes', () => {
  it('reads the duration from mvhd and refuses what is not an MP4', () => {
    expect(checkMp4(tinyMp4(300))).toEqual({ ok: true, seconds: 300 });
    expect(checkMp4(tinyMp4(301))).toEqual({ ok: true, seconds: 301 });
    expect(checkMp4(Buffer.from('%PDF-1.4 not a video, named video.mp4'))).toMatchObject({ ok: false });
    const noMoov = tinyMp4(10).subarray(0, 20);
    expect(checkMp4(noMoov)).toMatchObject({ ok: false, reason: expect.stringContaining('时长') });
  });
});
