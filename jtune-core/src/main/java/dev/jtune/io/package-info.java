/**
 * Files jtune writes for people and programs: {@link dev.jtune.io.AtomicFile} replaces a file whole
 * or not at all, keeping its permissions and writing through symbolic links.
 */
package dev.jtune.io;
