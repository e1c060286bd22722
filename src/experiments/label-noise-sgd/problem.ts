/** The regression every panel solves: its true parameter and the paths' start (no DOM, no tfjs, no matrix code: the results reducer reads it on the main thread). */
export const betaStar: [number, number] = [1, 1];
/** Every path and chain starts here, so the approach to β̂ is visible. */
export const beta0: [number, number] = [0, 0];
