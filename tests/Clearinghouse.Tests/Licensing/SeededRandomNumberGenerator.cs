using System.Security.Cryptography;

namespace Clearinghouse.Tests.Licensing;

/// <summary>
/// A predictable stand-in for the cryptographic generator, so a test that draws thousands of IDs draws the same
/// ones on every run and a failure can be reproduced from its seed.
/// </summary>
internal sealed class SeededRandomNumberGenerator(int seed) : RandomNumberGenerator
{
    private readonly Random _random = new(seed);

    public override void GetBytes(byte[] data) => _random.NextBytes(data);

    public override void GetBytes(byte[] data, int offset, int count) => _random.NextBytes(data.AsSpan(offset, count));

    public override void GetBytes(Span<byte> data) => _random.NextBytes(data);
}
