/**
 * Test support for jtune implementations: abstract contract suites that every
 * {@link dev.jtune.storage.Storage} ({@link dev.jtune.testkit.StorageContract}) and
 * {@link dev.jtune.sampler.Sampler} ({@link dev.jtune.testkit.SamplerContract}) must pass, and
 * {@link dev.jtune.testkit.Trials} fixture builders. Extend a contract class in a test and implement
 * its factory method.
 */
package dev.jtune.testkit;
