using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearinghouse.Web.Data.Configurations;

internal sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> builder)
    {
        builder.ToTable("RateLimitWindows");

        // The key is what the counting upsert conflicts on: one row per partition and window.
        builder.HasKey(w => new { w.PartitionKey, w.WindowNumber });
        builder.Property(w => w.PartitionKey).HasMaxLength(FieldLengths.RateLimitPartition).IsUnicode(false);
        builder.Property(w => w.WindowNumber).ValueGeneratedNever();

        // Ended windows are found by their end and deleted (SharedRateLimitPurge).
        builder.HasIndex(w => w.ExpiresAt);
    }
}
