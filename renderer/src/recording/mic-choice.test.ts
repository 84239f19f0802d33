import { describe, expect, it } from 'vitest';
import { choosableInputs, missingMicMessage, parseSavedMic, resolveMic } from './mic-choice';

const HEADSET = { deviceId: 'a1', label: 'USB headset' };
const BUILT_IN = { deviceId: 'b2', label: 'Built-in microphone' };

describe('which microphone a take records from', () => {
  it('is the system default until one is chosen', () => {
    expect(resolveMic(null, [HEADSET, BUILT_IN])).toEqual({ use: 'default' });
  });

  it('is the chosen one while it is connected', () => {
    expect(resolveMic(HEADSET, [BUILT_IN, HEADSET])).toEqual({ use: 'chosen', deviceId: 'a1', label: 'USB headset' });
  });

  it('falls back to the default, naming the missing one, when the chosen one is gone', () => {
    const resolution = resolveMic(HEADSET, [BUILT_IN]);
    expect(resolution).toEqual({ use: 'default', missing: HEADSET });
    expect(resolveMic(HEADSET, [])).toEqual({ use: 'default', missing: HEADSET });
    expect(missingMicMessage(HEADSET)).toBe(
      'The microphone you chose (USB headset) is not connected, so this take records from the system default.',
    );
  });

  it('lists real devices only, not the default and communications aliases', () => {
    expect(
      choosableInputs([
        { deviceId: 'default', label: 'Default' },
        { deviceId: 'communications', label: 'Comms' },
        HEADSET,
        { deviceId: '', label: '' },
      ]),
    ).toEqual([HEADSET]);
  });

  it('reads a remembered choice, and anything malformed as none', () => {
    expect(parseSavedMic(JSON.stringify(HEADSET))).toEqual(HEADSET);
    expect(parseSavedMic(null)).toBeNull();
    expect(parseSavedMic('a1')).toBeNull();
    expect(parseSavedMic('{"deviceId":""}')).toBeNull();
    expect(parseSavedMic('{"deviceId":3,"label":"x"}')).toBeNull();
  });
});
