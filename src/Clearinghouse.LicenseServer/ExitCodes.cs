namespace Clearinghouse.LicenseServer;

/// <summary>What the simulator's exit code tells a script. Documented in --help and the README; never renumbered.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The clearinghouse answered with a refusal (a 4xx problem): its code and detail are printed.</summary>
    public const int Refused = 1;

    /// <summary>Bad input or usage, found before anything was sent.</summary>
    public const int BadInput = 2;

    /// <summary>The clearinghouse could not be reached, timed out or kept failing (5xx) after the retries.</summary>
    public const int Unreachable = 3;

    /// <summary>The state file is missing, unreadable or corrupt (or could not be written).</summary>
    public const int StateFile = 4;

    /// <summary>The text --help shows under the commands.</summary>
    public const string HelpText =
        "Exit codes: 0 success; 1 refused by the clearinghouse (its problem code and detail are printed); " +
        "2 bad input or usage (found before calling); 3 clearinghouse unreachable, timing out or failing after retries; " +
        "4 state file missing, corrupt or not writable.";
}

/// <summary>
/// A command that cannot go on, with the exit code that says why and one line for a person. Thrown by the commands and
/// turned into that line and code in one place (<see cref="Simulator"/>): never a stack trace.
/// </summary>
public sealed class SimulatorException(int exitCode, string message, Api.ApiProblem? problem = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The clearinghouse's problem details, when it refused or failed with one.</summary>
    public Api.ApiProblem? Problem { get; } = problem;

    public static SimulatorException BadInput(string message) => new(ExitCodes.BadInput, message);

    public static SimulatorException StateFile(string message) => new(ExitCodes.StateFile, message);
}
