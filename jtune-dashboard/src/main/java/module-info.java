/** What happened in a study: self-contained HTML reports and a read-only web dashboard. */
module dev.jtune.dashboard {
  requires dev.jtune.core;
  requires jdk.httpserver;
  requires org.slf4j;

  exports dev.jtune.dashboard;
}
