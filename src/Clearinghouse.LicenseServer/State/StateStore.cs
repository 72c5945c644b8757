using System.Text.Json;
using Clearinghouse.LicenseServer.Api;

namespace Clearinghouse.LicenseServer.State;

/// <summary>
/// Reads and writes the state file. Writes are atomic (a temporary file beside it, flushed, then renamed over it), so a
/// crash or a full disk leaves the old state or the new one, never half of one. The file holds the credential, so it is
/// created readable by its owner only.
/// </summary>
public static class StateStore
{
    /// <summary>The state at <paramref name="path"/>; a new, empty one when <paramref name="mayBeMissing"/> and it does not exist.</summary>
    public static ServerState Load(string path, bool mayBeMissing = false)
    {
        if (!File.Exists(path))
        {
            if (mayBeMissing)
            {
                return new ServerState();
            }

            throw SimulatorException.StateFile(
                $"State file {path} not found. Run 'activate' first, or name the right file with --state.");
        }

        ServerState? state;
        try
        {
            using var stream = File.OpenRead(path);
            state = JsonSerializer.Deserialize<ServerState>(stream, Json.Options);
        }
        catch (JsonException exception)
        {
            throw SimulatorException.StateFile($"State file {path} is corrupt (not the simulator's JSON: {exception.Message}).");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw SimulatorException.StateFile($"State file {path} cannot be read: {exception.Message}");
        }

        if (state is null || state.Format != ServerState.CurrentFormat || state.KeyPacks is null || state.PreviousLicenseServerIds is null
            || state.Status is not (ServerStatus.NotActivated or ServerStatus.Activated or ServerStatus.Deactivated)
            || (state.Status == ServerStatus.Activated && (state.LicenseServerId is null || state.Credential is null)))
        {
            throw SimulatorException.StateFile(
                $"State file {path} is corrupt: it is JSON but not a license server's state (format {ServerState.CurrentFormat}).");
        }

        return state;
    }

    public static void Save(string path, ServerState state)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, state, Json.Options);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw SimulatorException.StateFile($"State file {path} cannot be written: {exception.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind: a dot-file named after the state file, harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
