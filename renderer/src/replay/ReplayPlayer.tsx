// Replays a take: its waveform (wavesurfer.js, playing through our own <audio> element, which streams
// the file with HTTP Range requests) with play, skip and speed controls, and the transcript underneath
// with the word being spoken highlighted. Clicking or pressing Enter on a word plays from there. Fillers
// heard in the audio but not in the transcript are marked on the waveform and between the words, and
// listed for the person to judge (HeardFillers.tsx); clicking one plays just that moment.
//
// Sync: wavesurfer emits 'timeupdate' on every animation frame while playing (and on each seek). The
// handler writes the time straight into the DOM (the clock, the slider's value, data-time-ms), and only
// when the spoken word changes does it set React state; the words are memoised per segment, so a change
// re-renders the one or two segments holding the old and the new word, never the whole transcript.
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import WaveSurfer from 'wavesurfer.js';
import type { JudgedFiller } from '../../../electron/shared/analytics/heard-fillers';
import { MEDIA_PATH, type Hesitation, type Transcript } from '../../../electron/shared/contract';
import type { Attempt } from '../data/db';
import { formatClock } from '../ui/format';
import type { HeardFillers } from '../ui/use-heard-fillers';
import { HeardList, WaveMarkers } from './HeardFillers';
import { placeAmongWords } from './heard-timeline';
import { groupBySegment, SegmentWords, within } from './SyncedWords';
import { clampSeek, flattenWords, nextSpeed, previousSpeed, SPEEDS, speedLabel, wordIndexAt } from './word-timeline';

/**
 * The waveform's height in CSS pixels. Keep it in step with WAVESURFER_STYLE_HASH in
 * electron/services/security-policy.ts: wavesurfer writes it into the stylesheet that hash allows.
 */
export const WAVEFORM_HEIGHT = 64;
const SKIP_MS = 5000;
/** A heard filler plays from its start to this long after its end, then pauses. */
const MOMENT_TAIL_MS = 300;
const STOP_WINDOW_MS = 1000;
const NO_MARKERS: ReadonlyMap<number, JudgedFiller[]> = new Map();

type LoadState = { phase: 'loading'; percent: number | null } | { phase: 'ready' } | { phase: 'error'; message: string };

function waveColours(element: HTMLElement): { waveColor: string; progressColor: string; cursorColor: string } {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    waveColor: read('--replay-wave', '#8a8a8a'),
    progressColor: read('--replay-progress', '#b20710'),
    cursorColor: read('--replay-cursor', '#1d1d1f'),
  };
}

export function ReplayPlayer({
  attempt,
  transcript,
  label,
  heard,
  mediaBase = MEDIA_PATH,
}: {
  attempt: Attempt;
  /** undefined while it loads, null when the take has none (yet). */
  transcript: Transcript | null | undefined;
  /** How the take is named to assistive technology, e.g. "attempt 2". */
  label: string;
  /** The fillers heard in the audio, to mark and to judge. */
  heard?: HeardFillers;
  /** Where take audio is served; the app's MEDIA_PATH. */
  mediaBase?: string;
}) {
  const src = `${mediaBase}${encodeURIComponent(attempt.fileName)}`;
  const hintId = useId();
  const rootRef = useRef<HTMLElement>(null);
  const waveRef = useRef<HTMLDivElement>(null);
  const audioRef = useRef<HTMLAudioElement>(null);
  const elapsedRef = useRef<HTMLSpanElement>(null);
  const transcriptRef = useRef<HTMLDivElement>(null);
  const wavesurfer = useRef<WaveSurfer | null>(null);

  const [load, setLoad] = useState<LoadState>({ phase: 'loading', percent: null });
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const [durationMs, setDurationMs] = useState(attempt.durationMs);

  const words = useMemo(() => flattenWords(transcript), [transcript]);
  const segments = useMemo(() => groupBySegment(words), [words]);
  const heardItems = heard?.heard;
  const markers = useMemo(() => (heardItems ? placeAmongWords(words, heardItems) : NO_MARKERS), [words, heardItems]);
  const [current, setCurrent] = useState(-1);
  /** The word that holds the transcript's tab stop while focus is inside it; null: the current word does. */
  const [rover, setRover] = useState<number | null>(null);

  // What the time handler reads without being re-created.
  const timeMs = useRef(0);
  const shownSecond = useRef(-1);
  const wordsRef = useRef(words);
  const currentRef = useRef(current);
  const durationRef = useRef(durationMs);
  const speedRef = useRef(speed);
  /** Where playing a heard filler's moment pauses; null when playing freely. */
  const stopAtMs = useRef<number | null>(null);
  useLayoutEffect(() => {
    wordsRef.current = words;
    durationRef.current = durationMs;
    speedRef.current = speed;
  });

  const showTime = useCallback((ms: number) => {
    timeMs.current = ms;
    // Only a time just past the stop ends the moment: a late report of where playback was before the
    // seek (further on) must not.
    if (stopAtMs.current !== null && ms >= stopAtMs.current && ms < stopAtMs.current + STOP_WINDOW_MS) {
      stopAtMs.current = null;
      wavesurfer.current?.pause();
    }
    rootRef.current?.setAttribute('data-time-ms', String(Math.round(ms)));
    const second = Math.floor(ms / 1000);
    if (second !== shownSecond.current) {
      shownSecond.current = second;
      if (elapsedRef.current) elapsedRef.current.textContent = formatClock(ms);
      const slider = waveRef.current;
      if (slider) {
        slider.setAttribute('aria-valuenow', String(second));
        slider.setAttribute('aria-valuetext', `${formatClock(ms)} of ${formatClock(durationRef.current)}`);
      }
    }
    const index = wordIndexAt(wordsRef.current, ms);
    if (index !== currentRef.current) {
      currentRef.current = index;
      transcriptRef.current?.setAttribute('data-current-word', String(index));
      setCurrent(index);
    }
  }, []);

  // The time readouts start at 0 (and follow a new transcript's words from where playback is).
  useLayoutEffect(() => {
    shownSecond.current = -1;
    showTime(timeMs.current);
  }, [showTime, words, durationMs]);

  useEffect(() => {
    const container = waveRef.current;
    const media = audioRef.current;
    if (!container || !media) return;
    let alive = true;
    setLoad({ phase: 'loading', percent: null });
    // No `url`: wavesurfer takes the <audio>'s own src, so the element keeps streaming it from the
    // server (with Range requests) instead of being switched to a blob: URL. wavesurfer fetches the file
    // once more, whole, to draw the waveform.
    const ws = WaveSurfer.create({
      container,
      media,
      height: WAVEFORM_HEIGHT,
      ...waveColours(container),
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 1,
      normalize: true,
      dragToSeek: true,
      hideScrollbar: true,
      audioRate: speedRef.current,
    });
    wavesurfer.current = ws;
    const unsubscribe = [
      ws.on('loading', (percent) => alive && setLoad({ phase: 'loading', percent })),
      ws.on('ready', (seconds) => {
        if (!alive) return;
        setLoad({ phase: 'ready' });
        if (Number.isFinite(seconds) && seconds > 0) setDurationMs(seconds * 1000);
      }),
      ws.on('timeupdate', (seconds) => alive && showTime(seconds * 1000)),
      ws.on('play', () => alive && setPlaying(true)),
      ws.on('pause', () => alive && setPlaying(false)),
      ws.on('finish', () => alive && setPlaying(false)),
      ws.on('error', (error) => alive && setLoad({ phase: 'error', message: error.message || 'unknown error' })),
    ];
    // Follow the light/dark scheme: the colours come from CSS variables that change with it.
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const recolour = () => ws.setOptions(waveColours(container));
    scheme.addEventListener('change', recolour);
    return () => {
      alive = false;
      scheme.removeEventListener('change', recolour);
      for (const off of unsubscribe) off();
      wavesurfer.current = null;
      // The <audio> is ours (React's), so wavesurfer leaves it alone: stop it here.
      media.pause();
      ws.destroy();
    };
  }, [src, showTime]);

  const failed = load.phase === 'error';

  const togglePlay = useCallback(() => {
    stopAtMs.current = null;
    void wavesurfer.current?.playPause().catch(() => undefined);
  }, []);

  // Seeks on our own media element, not through wavesurfer's setTime: while a seek is in flight the element
  // is not ready to play, and wavesurfer then keeps the new time as "pending" and drops it when the
  // earlier seek's 'seeking' event arrives (J right after L stayed at L's time). The element itself always
  // takes the newest currentTime; wavesurfer follows it through the element's timeupdate events.
  const seek = useCallback(
    (ms: number) => {
      const media = audioRef.current;
      if (!media) return;
      const target = clampSeek(ms, durationRef.current);
      stopAtMs.current = null;
      media.currentTime = target / 1000;
      showTime(target);
    },
    [showTime],
  );

  /** Plays one heard filler: from its start to a little after its end. */
  const playMoment = useCallback(
    (moment: Pick<Hesitation, 'startMs' | 'endMs'>) => {
      seek(moment.startMs);
      stopAtMs.current = moment.endMs + MOMENT_TAIL_MS;
      void wavesurfer.current?.play().catch(() => undefined);
    },
    [seek],
  );

  // From the player's own clock (the time on screen, set on every wavesurfer time event, seeks included):
  // the media element's currentTime can still be the old time while a seek is pending, and a skip made
  // then would start from there.
  const skip = useCallback((deltaMs: number) => seek(timeMs.current + deltaMs), [seek]);

  const changeSpeed = useCallback((next: number) => {
    speedRef.current = next;
    setSpeed(next);
    wavesurfer.current?.setPlaybackRate(next);
  }, []);

  /** The player's own keys: they work while focus is anywhere inside it, and nowhere else. */
  const onPlayerKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey || failed) return;
    const key = event.key;
    let handled = true;
    if (key === 'k' || key === 'K') {
      if (!event.repeat) togglePlay();
    } else if (key === 'j' || key === 'J') skip(-SKIP_MS);
    else if (key === 'l' || key === 'L') skip(SKIP_MS);
    else if (key === '<') changeSpeed(previousSpeed(speedRef.current));
    else if (key === '>') changeSpeed(nextSpeed(speedRef.current));
    else handled = false;
    if (handled) event.preventDefault();
  };

  /** The waveform is a slider: arrows skip, Home/End jump, Space plays or pauses. */
  const onSliderKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey || failed) return;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => skip(-SKIP_MS),
      ArrowDown: () => skip(-SKIP_MS),
      ArrowRight: () => skip(SKIP_MS),
      ArrowUp: () => skip(SKIP_MS),
      Home: () => seek(0),
      End: () => seek(durationRef.current),
      ' ': () => {
        if (!event.repeat) togglePlay();
      },
    };
    const action = actions[event.key];
    if (!action) return;
    action();
    event.preventDefault();
    // Space here means play, not the practice screen's Record.
    event.stopPropagation();
  };

  const focusWord = (index: number) => {
    const clamped = Math.max(0, Math.min(index, words.length - 1));
    setRover(clamped);
    transcriptRef.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`)?.focus();
  };

  const onWordKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = Number((event.target as HTMLElement).dataset.index);
    if (Number.isNaN(index) || event.ctrlKey || event.metaKey || event.altKey) return;
    const moves: Record<string, number> = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: words.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    focusWord(to);
  };

  const onWordClick = (event: MouseEvent<HTMLDivElement>) => {
    const marker = (event.target as HTMLElement).closest<HTMLElement>('[data-heard-start-ms]');
    if (marker) {
      playMoment({ startMs: Number(marker.dataset.heardStartMs), endMs: Number(marker.dataset.heardEndMs) });
      return;
    }
    const button = (event.target as HTMLElement).closest<HTMLElement>('.replay-word');
    const word = button ? words[Number(button.dataset.index)] : undefined;
    if (!word) return;
    // seek() shows the time at once, even before the audio element reports it.
    seek(word.startMs);
  };

  // The current word stays visible in the transcript box, which scrolls only when it has left the view
  // (and never the page, and never moving focus).
  useEffect(() => {
    const box = transcriptRef.current;
    const element = current >= 0 ? box?.querySelector<HTMLElement>(`[data-index="${current}"]`) : null;
    if (!box || !element) return;
    const view = box.getBoundingClientRect();
    const word = element.getBoundingClientRect();
    if (word.top < view.top || word.bottom > view.bottom) box.scrollTop += word.top - view.top - view.height / 3;
  }, [current]);

  const tabStop = rover ?? Math.max(current, 0);

  return (
    <section ref={rootRef} className="replay" aria-label={`Replay of ${label}`} aria-describedby={hintId} onKeyDown={onPlayerKey}>
      <audio ref={audioRef} src={src} preload="auto" aria-label={`Play ${label}`} />
      <div className="replay-wave-wrap">
        <div
          ref={waveRef}
          className="replay-wave"
          role="slider"
          tabIndex={failed ? -1 : 0}
          aria-label={`Position in ${label}`}
          aria-valuemin={0}
          aria-valuemax={Math.floor(durationMs / 1000)}
          aria-disabled={failed || undefined}
          onKeyDown={onSliderKey}
        />
        {heardItems && <WaveMarkers heard={heardItems} durationMs={durationMs} onPlay={playMoment} />}
      </div>
      {load.phase === 'loading' && (
        <p className="replay-status">Loading the waveform{load.percent === null ? '…' : ` (${load.percent}%)…`}</p>
      )}
      {load.phase === 'error' && (
        <p className="replay-status replay-error" role="alert">
          This take&apos;s audio could not be loaded: {load.message}
        </p>
      )}
      <div className="replay-controls">
        <button type="button" className="replay-play" onClick={togglePlay} disabled={failed}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={() => skip(-SKIP_MS)} disabled={failed}>
          Back 5 s
        </button>
        <button type="button" onClick={() => skip(SKIP_MS)} disabled={failed}>
          Forward 5 s
        </button>
        <label className="replay-speed">
          Speed{' '}
          <select value={speed} onChange={(event) => changeSpeed(Number(event.target.value))} disabled={failed}>
            {SPEEDS.map((option) => (
              <option key={option} value={option}>
                {speedLabel(option)}
              </option>
            ))}
          </select>
        </label>
        <span className="replay-time">
          <span ref={elapsedRef} /> / {formatClock(durationMs)}
        </span>
      </div>
      <p className="replay-hint" id={hintId}>
        Keys: K play or pause, J and L back or forward 5 s, &lt; and &gt; speed. In the transcript, ← and → move word by word and Enter
        plays from a word.
      </p>
      {transcript === null && <p className="replay-transcript-empty">No transcript for this take yet.</p>}
      {transcript && words.length === 0 && <p className="replay-transcript-empty">This take&apos;s transcript has no words to follow.</p>}
      {words.length > 0 && (
        <div
          ref={(element) => {
            // data-current-word is written by the time handler alone, in the frame the time changes; a render
            // that commits an older `current` (renders lag frames under load) must not write it back.
            transcriptRef.current = element;
            element?.setAttribute('data-current-word', String(currentRef.current));
          }}
          className="replay-transcript"
          role="group"
          aria-label={`Transcript of ${label}, word by word`}
          onKeyDown={onWordKey}
          onClick={onWordClick}
          onFocus={(event) => {
            const index = Number((event.target as HTMLElement).dataset.index);
            if (!Number.isNaN(index)) setRover(index);
          }}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setRover(null);
          }}
        >
          {segments.map((segment) => (
            <SegmentWords
              key={segment.key}
              words={segment.words}
              current={within(segment, current) ? current : -1}
              tabStop={within(segment, tabStop) ? tabStop : -1}
              markers={markers}
              first={segment.first === 0}
            />
          ))}
        </div>
      )}
      {heard && <HeardList fillers={heard} onPlay={playMoment} />}
    </section>
  );
}
