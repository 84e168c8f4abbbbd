/**
 * Studies: {@link dev.jtune.study.Study} (build, optimize with threads, ask/tell, enqueue, best
 * trials), objectives, directions, callbacks, and export of trials to CSV and JSON.
 */
package dev.jtune.study;
