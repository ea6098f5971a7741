package georisk.runtime;

/** What the running georisk is: its version, from the jar manifest (set by Maven). */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** The version of georisk, or {@code (development build)} when it runs from classes, not from its jar. */
    public static String version() {
        final String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
