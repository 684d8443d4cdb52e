#!/usr/bin/env python3
"""Recounts, from extracted/*.csv alone (no kzlg, no SPARQL), the rows of the catalogue queries over
rules, as tests/catalogue/README.md describes: python3 tests/catalogue/recount.py"""
import csv
S=list(csv.DictReader(open('extracted/statements.csv')))
byid={s['id']:s for s in S}
def parts(d): return tuple(int(x) for x in d.split('-')) if d else None
def cmp(a,b):
    n=min(len(a),len(b)); a,b=a[:n],b[:n]; return (a>b)-(a<b)
def until(s):
    if s['valid_until']: return s['valid_until']
    if s['replaced_by']: return byid[s['replaced_by']]['valid_from']
    return ''
def holds(s,on):
    on=parts(on); f=parts(s['valid_from'] or s['attested_on']); u=parts(until(s))
    return (f is None or cmp(f,on)<=0) and not (u is not None and cmp(u,on)<=0)
today='2026-12-01'
B=list(csv.DictReader(open('extracted/bodies.csv'))); P=list(csv.DictReader(open('extracted/posts.csv')))
masl={b['id'] for b in B if b['type']=='Maslikhat' and b['level']}
mp=[s for s in S if (s['subject'] in masl or s['object'] in masl) and holds(s,today)]
print('maslikhat-powers',len(mp),'maslikhat as subject',sum(s['subject'] in masl for s in mp))
print('rules-as-of 2002',sum(holds(s,'2002') for s in S))
print('veto-and-dissolution',sum(s['predicate'] in ('hasVetoOver','canExpressDistrustIn','canDissolve','initiatesDissolutionOf','canOverride') and holds(s,today) for s in S))
print('budget-approval-chain',sum(s['predicate']=='approvesBudgetOf' and holds(s,today) for s in S))
dis={(s['subject'],s['object']) for s in S if s['predicate']=='dismissedBy' and holds(s,today)}
app={(s['subject'],s['object']) for s in S if s['predicate']=='appointedBy' and holds(s,today)}
print('accountability-without-dismissal',sum(s['predicate'] in('accountableTo','reportsTo') and holds(s,today) and (s['subject'],s['object']) not in dis|app for s in S))
akims={p['id'] for p in P if p['post_type']=='Akim' and p['level']}
print('who-appoints-akims', sum(s['subject'] in akims and s['predicate'] in ('appointedBy','electedBy','agreedWith','approvedBy','nominatedBy') and holds(s,today) for s in S))
acc={s['subject'] for s in S if s['predicate']=='accountableTo'}
print('accountability-in-law-and-practice, statements', sum(s['subject'] in acc and s['predicate'] in ('accountableTo','reportsTo','dismissedBy') and holds(s,today) for s in S))
print('rules-of-a-post (akim-district)', sum((s['subject']=='akim-district' or s['object']=='akim-district') and holds(s,today) for s in S))
print('disagreements (contradicts filled)', sum(bool(s['contradicts']) for s in S))
print('units-that-changed-region', sum(s['predicate']=='partOf' and bool(s['valid_from'] or until(s)) for s in S))
