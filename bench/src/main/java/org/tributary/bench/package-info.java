/** Benchmarks: run by the scripts in {@code bench/}, never by the test command. */
package org.tributary.bench;
