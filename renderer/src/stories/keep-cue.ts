// Whether the person keeps the story cue card on screen while recording: remembered on this computer.
import { useCallback, useState } from 'react';

const KEY = 'rehearse.keepStoryCueWhileRecording';

export function useKeepCueVisible(): [boolean, (keep: boolean) => void] {
  const [keep, setKeepState] = useState(() => {
    try {
      return localStorage.getItem(KEY) === 'true';
    } catch {
      return false;
    }
  });
  const setKeep = useCallback((next: boolean) => {
    setKeepState(next);
    try {
      localStorage.setItem(KEY, String(next));
    } catch {
      // Storage unavailable: the choice lasts until the app closes.
    }
  }, []);
  return [keep, setKeep];
}
