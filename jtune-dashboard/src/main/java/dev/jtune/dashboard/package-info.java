/**
 * What happened in a study, for people: {@link dev.jtune.dashboard.StudyReport} renders one study
 * as a self-contained HTML page (optimization history, learning curves, parameter importances,
 * objective by parameter, parallel coordinates or Pareto front, best trials), and
 * {@link dev.jtune.dashboard.DashboardServer} serves every study of a storage, read-only, with pages
 * that refresh while the study runs.
 */
package dev.jtune.dashboard;
