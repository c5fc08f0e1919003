/**
 * Reading a private chain's results with keys: what a decryption key reveals of a vector
 * ({@code bin/harness decrypt}), and whether engines that disagree on ciphertexts disagree on the
 * plaintexts too (divergence reports). Depends on crypto, vector and result; nothing depends on it
 * but the runner's reports and the CLI.
 */
package io.ecliptica.harness.privacy;
