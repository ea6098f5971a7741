package georisk.cli;

import georisk.config.SettingException;
import georisk.scoring.ModelFile;
import georisk.scoring.ModelParameters;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which risk model scores events: the shipped one, or the user's model file laid over it. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE", defaultValue = "${env:GEORISK_MODEL}",
            description = "Risk model file of 'key = value' lines: weights, half-life, windows, thresholds, "
                    + "level bounds. Set only the keys you change; the others keep their shipped values. "
                    + "The shipped model explains every key: unzip -p georisk.jar " + ModelFile.SHIPPED_RESOURCE + ". "
                    + "A bad key or value stops start-up, naming its line "
                    + "(env GEORISK_MODEL; default: the shipped model).")
    String file;

    private ModelParameters parameters;

    /**
     * The model, read once. A missing file or a bad key or value is a {@link SettingException} whose
     * one-line message names the file, the line and the key.
     */
    ModelParameters parameters() {
        if (parameters == null) {
            parameters = file == null || file.isBlank() ? ModelParameters.defaults() : load(file.strip());
        }
        return parameters;
    }

    private static ModelParameters load(final String file) {
        try {
            return ModelFile.load(Path.of(file));
        } catch (final IllegalArgumentException e) {  // also an InvalidPathException
            throw new SettingException("model", file, e.getMessage());
        }
    }
}
