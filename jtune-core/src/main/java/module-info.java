/** jtune's core: search spaces, trials, studies, samplers, pruners and the storage contract. */
module dev.jtune.core {
  requires org.slf4j;
  requires hipparchus.core;
  requires static transitive org.apiguardian.api;

  exports dev.jtune;
  exports dev.jtune.space;
  exports dev.jtune.trial;
  exports dev.jtune.study;
  exports dev.jtune.sampler;
  exports dev.jtune.sampler.cmaes;
  exports dev.jtune.sampler.gp;
  exports dev.jtune.sampler.tpe;
  exports dev.jtune.sampler.auto;
  exports dev.jtune.sampler.nsga;
  exports dev.jtune.sampler.pbt;
  exports dev.jtune.pruner;
  exports dev.jtune.storage;
  exports dev.jtune.importance;
  exports dev.jtune.io;
  exports dev.jtune.terminator;
}
