package io.ecliptica.acceptance;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every Cucumber feature under the repository's top-level {@code features/} folder.
 *
 * <p>Surefire's working directory is this module's directory, so {@code ../features} is the
 * repository's folder. The suite engine is what makes Surefire count each scenario as a test and
 * fail the build when one fails; the {@code cucumber.features} property alone does neither.
 * Glue, plugins (Allure, summary) and tag filters are in {@code junit-platform.properties}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("../features")
public class AcceptanceSuiteTest {
}
