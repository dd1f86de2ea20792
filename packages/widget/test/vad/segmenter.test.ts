import { expect } from '@esm-bundle/chai';
import { SpeechSegmenter } from '../../src/vad/segmenter.js';

const options = { positive: 0.5, negative: 0.35, redemptionFrames: 3, minSpeechFrames: 2 };

function run(probabilities: number[]) {
  const s = new SpeechSegmenter(options);
  for (const p of probabilities) s.push(p);
  return s;
}

describe('SpeechSegmenter', () => {
  it('opens on a confident frame and ends after the last frame above the negative threshold', () => {
    //                  0    1    2    3    4    5    6    7    8    9
    const s = run([0.1, 0.9, 0.8, 0.4, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(s.segments()).to.deep.equal([{ start: 1, end: 4 }]);
    expect(s.frames).to.equal(10);
    expect(s.speaking).to.equal(false);
  });

  it('bridges pauses shorter than the redemption, splits at longer ones', () => {
    const s = run([0.9, 0.9, 0.1, 0.1, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.9, 0.9, 0.1, 0.1, 0.1]);
    expect(s.segments()).to.deep.equal([
      { start: 0, end: 6 },
      { start: 10, end: 12 },
    ]);
  });

  it('drops blips with too few confident frames, and a frame between the thresholds opens nothing', () => {
    const s = run([0.1, 0.9, 0.1, 0.1, 0.1, 0.45, 0.45, 0.45, 0.1]);
    expect(s.segments()).to.deep.equal([]);
  });

  it('reports an open segment once it counts (the answer stopped mid-sentence)', () => {
    const s = run([0.1, 0.9]);
    expect(s.speaking).to.equal(false);
    expect(s.segments()).to.deep.equal([]);
    s.push(0.9);
    s.push(0.2);
    expect(s.speaking).to.equal(true);
    expect(s.segments()).to.deep.equal([{ start: 1, end: 3 }]);
  });
});
