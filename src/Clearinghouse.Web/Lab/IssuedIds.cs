using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Lab;

/// <summary>
/// Draws the IDs the clearinghouse issues — License Server IDs, license key pack IDs, deactivation confirmation codes —
/// at random, or, when the lab set an ID seed, from a sequence a lab script can predict: the n-th ID drawn after the
/// seed was set (or the lab reset) is <see cref="IdFormat.Generate"/> fed with <see cref="SeededSequence"/>(seed, n),
/// n counting from 1 across every kind of ID. The counter is in the database and advanced with a compare-and-swap, so
/// restarts and several instances continue one sequence. A draw for an attempt that then loses a race (two submissions
/// of one request) uses a number too: a script that does one thing at a time sees none skipped. An ID that is still
/// held (the seed set again without a reset) collides, and the issuer draws the next: one ID is never issued twice.
/// </summary>
/// <remarks>Credentials (a license server's, a lab API key) are secrets and always random.</remarks>
public sealed class IssuedIds(ClearinghouseDbContext db, RandomNumberGenerator random, LabState lab)
{
    private const int MaxAttempts = 50;

    public async Task<string> NextAsync(IdFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        var snapshot = await lab.GetAsync(cancellationToken);
        if (snapshot.IdSeed is null)
        {
            return format.Generate(random);
        }

        for (var attempt = 1; ; attempt++)
        {
            // Read the row itself, not the cached snapshot: the seed must be the one the counter belongs to.
            var row = await db.LabSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == LabSettings.SingletonId, cancellationToken);
            if (row?.IdSeed is not { } seed)
            {
                return format.Generate(random);
            }

            var drawn = row.IdsDrawn;
            var claimed = await db.LabSettings
                .Where(s => s.Id == LabSettings.SingletonId && s.IdsDrawn == drawn && s.IdSeed == seed)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.IdsDrawn, drawn + 1), cancellationToken);
            if (claimed == 1)
            {
                using var sequence = new SeededSequence(seed, drawn + 1);
                return format.Generate(sequence);
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException("Could not draw a seeded ID: the counter kept changing.");
            }
        }
    }
}

/// <summary>
/// The bytes the n-th seeded ID is made from: HMAC-SHA256 with the seed (UTF-8) as key over n (8 bytes, big-endian)
/// followed by a block number (4 bytes, big-endian, from 0), the blocks one after the other. <see cref="IdFormat"/>
/// takes a byte at a time: 4 of every 5 characters are alphabet[b mod 24], skipping bytes of 240 or more; the fifth is
/// the group's check character.
/// </summary>
public sealed class SeededSequence(string seed, long n) : RandomNumberGenerator
{
    private readonly HMACSHA256 _hmac = new(Encoding.UTF8.GetBytes(seed));
    private readonly byte[] _message = new byte[12];
    private byte[] _block = [];
    private int _used;
    private int _blockNumber;

    public override void GetBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        GetBytes(data.AsSpan());
    }

    public override void GetBytes(byte[] data, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        GetBytes(data.AsSpan(offset, count));
    }

    public override void GetBytes(Span<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (_used == _block.Length)
            {
                BinaryPrimitives.WriteInt64BigEndian(_message, n);
                BinaryPrimitives.WriteInt32BigEndian(_message.AsSpan(8), _blockNumber++);
                _block = _hmac.ComputeHash(_message);
                _used = 0;
            }

            data[i] = _block[_used++];
        }
    }

    public override void GetNonZeroBytes(byte[] data) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hmac.Dispose();
        }

        base.Dispose(disposing);
    }
}
